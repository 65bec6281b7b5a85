using System.Collections.Frozen;
using System.Collections.Immutable;
using static Causeway.Core.Profiles.ArgumentChecks;

namespace Causeway.Core.Profiles;

/// <summary>
/// The allowlist: every option Causeway will take from a provider profile, and the common ones it drops or refuses
/// with a reason. Anything not listed is refused: a provider profile is untrusted input, and OpenVPN has many options
/// that run programs or read and write files.
/// </summary>
internal static class DirectivePolicy
{
    private const string DroppedSuffix = "; line dropped";

    /// <summary>The fix of a dropped line that is not routine (routine ones are summed up and need none).</summary>
    public const string StripFix = "nothing to do: remove the line to silence this warning";

    /// <summary>
    /// Transports a client may name (proto, remote); OpenVPN spells them in lowercase only. Declared before
    /// <see cref="Rules"/>: static initializers run in textual order, and the rules use it.
    /// </summary>
    public static readonly string[] ClientProtocols =
        ["udp", "udp4", "udp6", "tcp", "tcp4", "tcp6", "tcp-client", "tcp4-client", "tcp6-client"];

    public static FrozenDictionary<string, DirectiveRule> Rules { get; } = Build().ToFrozenDictionary(StringComparer.Ordinal);

    public static DirectiveRule? Find(string name) => Rules.GetValueOrDefault(name);

    /// <summary>
    /// Whether dropping this line is routine (summed up, not warned about): the rule says so, and a script is one of
    /// the DNS helpers Linux profiles name (update-resolv-conf, update-systemd-resolved), whose job Causeway does.
    /// Any other script is worth a warning of its own.
    /// </summary>
    public static bool IsRoutine(DirectiveRule rule, OvpnDirective directive) =>
        rule.Routine && (directive.Name is not ("up" or "down") || (directive.Arguments.Length == 1 && IsDnsHelper(directive.Arguments[0])));

    private static bool IsDnsHelper(string script)
    {
        var name = script[(script.LastIndexOf('/') + 1)..];
        return name is "update-resolv-conf" or "update-resolv-conf.sh" or "update-systemd-resolved" or "update-systemd-resolved.sh";
    }

    private static Dictionary<string, DirectiveRule> Build() =>
        new(StringComparer.Ordinal)
        {
            // ---- Keep: the role. Causeway writes `client` itself; these only agree with it.
            ["client"] = Keep(0, 0, "client mode: tls-client + pull"),
            ["tls-client"] = Keep(0, 0, "the TLS client side of the control channel"),
            ["pull"] = Keep(0, 0, "accept options pushed by the server (Causeway needs the pushed DNS)"),

            // ---- Keep: where to connect. These only pick the server the tunnel goes to.
            ["remote"] = Keep(1, 3, "a server to connect to (normalized to host, port and protocol)"),
            ["proto"] = Keep(1, 1, "the default transport of the remotes (folded into each remote)", check: Positional(OneOf(ClientProtocols))),
            ["port"] = Keep(1, 1, "the default port of the remotes (folded into each remote; Causeway binds no local port)", check: Positional(Port)),
            ["rport"] = Keep(1, 1, "the default remote port (folded into each remote)", check: Positional(Port)),
            ["remote-random"] = Keep(0, 0, "shuffles the remotes once at start"),
            ["remote-random-hostname"] = Keep(0, 0, "prepends a random label to remote names (defeats DNS caching)"),
            ["resolv-retry"] = Keep(1, 1, "how long to retry resolving a remote name", check: Positional(NumberOr("infinite", 0, int.MaxValue))),
            ["connect-retry"] = Keep(1, 2, "wait between connection attempts (Causeway sets its own)", check: Positional(Seconds, Seconds)),
            ["connect-retry-max"] = Keep(1, 1, "attempts per remote before OpenVPN exits (Causeway then restarts it)", check: Positional(Number(1, int.MaxValue))),
            ["connect-timeout"] = Keep(1, 1, "another name of server-poll-timeout (Causeway sets its own)", check: Positional(Seconds)),
            ["server-poll-timeout"] = Keep(1, 1, "how long to wait for a server's first reply (Causeway sets its own)", check: Positional(Seconds)),
            ["nobind"] = Keep(0, 0, "no fixed local port (Causeway sets it anyway)"),
            ["persist-remote-ip"] = Keep(0, 0, "reuse the resolved server address on a restart instead of resolving again"),
            ["float"] = Keep(0, 0, "accept authenticated packets from a new server address (server behind NAT or multihomed)"),

            // ---- Keep: TLS and data-channel crypto. Only select algorithms and checks on the server's identity.
            ["key-direction"] = Keep(1, 1, "which half of the inline tls-auth key this side uses", check: Positional(OneOf("0", "1"))),
            ["cipher"] = Keep(1, 1, "data-channel cipher for old servers", check: Positional(Name)),
            ["data-ciphers"] = Keep(1, 1, "data-channel ciphers the client offers", check: Positional(Name)),
            ["data-ciphers-fallback"] = Keep(1, 1, "data-channel cipher for servers that cannot negotiate", check: Positional(Name)),
            ["ncp-ciphers"] = Keep(1, 1, "old name of data-ciphers (renamed to it)", check: Positional(Name)),
            ["auth"] = Keep(1, 1, "HMAC digest of the control and non-AEAD data channel", check: Positional(Name)),
            ["tls-version-min"] = Keep(1, 2, "lowest TLS version accepted", check: Positional(Name, OneOf("or-highest"))),
            ["tls-version-max"] = Keep(1, 1, "highest TLS version offered", check: Positional(Name)),
            ["tls-cipher"] = Keep(1, 1, "TLS 1.2 cipher list", check: Positional(Name)),
            ["tls-ciphersuites"] = Keep(1, 1, "TLS 1.3 cipher suites", check: Positional(Name)),
            ["tls-groups"] = Keep(1, 1, "TLS key-exchange groups", check: Positional(Name)),
            ["ecdh-curve"] = Keep(1, 1, "ECDH curve (old form of tls-groups)", check: Positional(Name)),
            ["tls-cert-profile"] = Keep(1, 1, "which certificate algorithms are acceptable", check: Positional(OneOf("insecure", "legacy", "preferred", "suiteb"))),
            ["verify-x509-name"] = Keep(1, 2, "pins the server certificate's name", check: Positional(Text, OneOf("subject", "name", "name-prefix"))),
            ["remote-cert-tls"] = Keep(1, 1, "requires the server certificate's key usage", check: Positional(OneOf("server", "client"))),
            ["remote-cert-ku"] = Keep(0, OpenVpnLineTokenizer.MaxParameters - 1, "requires key-usage bits in the server certificate", check: Each(Hex)),
            ["remote-cert-eku"] = Keep(1, 1, "requires an extended key usage in the server certificate", check: Positional(Text)),
            ["ns-cert-type"] = Keep(1, 1, "old Netscape certificate-type check of the server (still accepted by 2.6)", check: Positional(OneOf("server", "client"))),
            ["tls-timeout"] = Keep(1, 1, "control-channel retransmit timeout", check: Positional(Seconds)),
            ["hand-window"] = Keep(1, 1, "time allowed for a TLS handshake", check: Positional(Seconds)),
            ["tran-window"] = Keep(1, 1, "overlap of old and new keys after renegotiation", check: Positional(Seconds)),
            ["reneg-sec"] = Keep(1, 2, "data-channel key lifetime", check: Positional(Seconds, Seconds)),
            ["reneg-bytes"] = Keep(1, 1, "data-channel key lifetime in bytes", check: Positional(Bytes)),
            ["reneg-pkts"] = Keep(1, 1, "data-channel key lifetime in packets", check: Positional(Bytes)),
            ["replay-window"] = Keep(1, 2, "replay-protection window (tolerates reordering)", check: Positional(Number(1, 65536), Seconds)),
            ["mute-replay-warnings"] = Keep(0, 0, "quiets duplicate-packet warnings in the log"),
            ["disable-occ"] = Keep(0, 0, "skips the options-consistency warning between client and server"),

            // ---- Keep: compression framing must match the server's, or the tunnel carries nothing.
            ["comp-lzo"] = Keep(0, 1, "LZO framing as the server expects it", check: Positional(OneOf("yes", "no", "adaptive"))),
            ["compress"] = Keep(0, 1, "compression framing as the server expects it", check: Positional(OneOf("lzo", "lz4", "lz4-v2", "stub", "stub-v2"))),
            ["comp-noadapt"] = Keep(0, 0, "turns off adaptive LZO, as the server expects"),
            ["allow-compression"] = Keep(0, 1, "whether compression may be used at all", check: Positional(OneOf("yes", "no", "asym"))),

            // ---- Keep: packet sizes and buffers. Only change how packets are framed and queued.
            ["tun-mtu"] = Keep(1, 2, "tunnel MTU as the server expects it", check: Positional(Number(68, 65535), Number(68, 65535))),
            ["tun-mtu-extra"] = Keep(1, 1, "extra read-buffer room", check: Positional(Number(0, 65535))),
            ["link-mtu"] = Keep(1, 1, "packet size on the wire", check: Positional(Number(68, 65535))),
            ["mssfix"] = Keep(0, 2, "clamps TCP MSS inside the tunnel", check: Positional(Number(0, 65535), OneOf("mtu", "fixed"))),
            ["fragment"] = Keep(1, 2, "OpenVPN-level fragmentation as the server expects it", check: Positional(Number(68, 65535), OneOf("mtu"))),
            ["mtu-disc"] = Keep(1, 1, "path-MTU discovery on the tunnel socket", check: Positional(OneOf("no", "maybe", "yes"))),
            ["sndbuf"] = Keep(1, 1, "socket send buffer (Causeway's setting wins when it has one)", check: Positional(Bytes)),
            ["rcvbuf"] = Keep(1, 1, "socket receive buffer (Causeway's setting wins when it has one)", check: Positional(Bytes)),
            ["txqueuelen"] = Keep(1, 1, "tun queue length (Causeway's setting wins when it has one)", check: Positional(Number(1, int.MaxValue))),
            ["fast-io"] = Keep(0, 0, "UDP write optimization (Causeway decides)"),
            ["tcp-nodelay"] = Keep(0, 0, "TCP_NODELAY on the tunnel socket"),
            ["disable-dco"] = Keep(0, 0, "forgoes kernel data-channel offload"),

            // ---- Keep: session behaviour. Causeway overrides several with its own values.
            ["auth-nocache"] = Keep(0, 0, "do not keep the password in memory"),
            ["auth-retry"] = Keep(1, 1, "what to do after AUTH_FAILED", check: Positional(OneOf("none", "nointeract", "interact"))),
            ["persist-key"] = Keep(0, 0, "keep keys across restarts (Causeway sets it anyway)"),
            ["persist-tun"] = Keep(0, 0, "keep the device across restarts (Causeway sets it anyway)"),
            ["explicit-exit-notify"] = Keep(0, 1, "tells a UDP server on exit (Causeway sets it for UDP)", check: Positional(Number(0, 100))),
            ["verb"] = Keep(1, 1, "log verbosity (Causeway sets its own)", check: Positional(Number(0, 11))),
            ["mute"] = Keep(1, 1, "limits repeated log messages", check: Positional(Number(0, int.MaxValue))),
            ["pull-filter"] = Keep(2, 2, "filters pushed options (after Causeway's own filter, which wins)", check: Positional(OneOf("accept", "ignore", "reject"), Text)),

            // ---- Material: keys and certificates, inlined so the rendered config reads no file.
            ["ca"] = Material("CA certificate(s) that sign the server's certificate"),
            ["cert"] = Material("this client's certificate"),
            ["key"] = Material("this client's private key"),
            ["extra-certs"] = Material("intermediate certificates sent with this client's certificate"),
            ["pkcs12"] = Material("client certificate, key and CA in one PKCS#12 bundle"),
            ["tls-auth"] = Material("HMAC key of the control channel", max: 2),
            ["tls-crypt"] = Material("key that encrypts the control channel"),
            ["tls-crypt-v2"] = Material("this client's tls-crypt-v2 key", max: 2),
            ["crl-verify"] = Material("revoked server certificates", max: 2),
            ["peer-fingerprint"] = Material("SHA-256 fingerprints the server certificate must match (a value, not a file)"),

            // ---- Strip: routing and addressing belong to Causeway (policy routing in its own table).
            ["redirect-gateway"] = Routine("would replace this host's default route with the tunnel; Causeway sends only the overlay's traffic into the tunnel, from its own routing table"),
            ["redirect-private"] = Routine("would route private networks into the tunnel; Causeway installs the routes"),
            ["route"] = Routine("would add a route to this host's main table; Causeway installs the routes"),
            ["route-ipv6"] = Routine("would add an IPv6 route to this host's main table; Causeway installs the routes"),
            ["route-gateway"] = Routine("sets the gateway of routes Causeway does not let OpenVPN install"),
            ["route-ipv6-gateway"] = Routine("sets the gateway of routes Causeway does not let OpenVPN install"),
            ["route-metric"] = Routine("sets the metric of routes Causeway does not let OpenVPN install"),
            ["route-delay"] = Routine("delays routes Causeway does not let OpenVPN install"),
            ["route-method"] = Routine("Windows only; Causeway installs the routes"),
            ["route-nopull"] = Routine("would discard everything the server pushes, including DNS; Causeway keeps the pushed options but installs no routes (route-noexec)"),
            ["route-noexec"] = Routine("Causeway sets route-noexec itself"),
            ["block-ipv6"] = Routine("would route IPv6 into the tunnel to drop it; Causeway blocks forwarded IPv6 with nftables"),
            ["ifconfig"] = Strip("would set a fixed tunnel address; the server assigns it"),
            ["ifconfig-ipv6"] = Strip("would set a fixed tunnel address; the server assigns it"),
            ["ifconfig-noexec"] = Strip("would leave the tunnel device unconfigured"),
            ["ifconfig-nowarn"] = Routine("only silences an address-mismatch warning"),
            ["topology"] = Routine("the server pushes the topology"),
            ["tun-ipv6"] = Routine("obsolete: OpenVPN ignores it"),

            // ---- Strip: the device is Causeway's (named tun… so zerotier-one leaves it alone).
            ["dev"] = Routine("names the tunnel device; Causeway uses its own name (egress.device)"),
            ["dev-type"] = Routine("Causeway sets the device type (tun) itself"),
            ["dev-node"] = Strip("picks the tun clone device; Causeway uses the default"),
            ["lladdr"] = Strip("sets a MAC address, which only tap devices have"),

            // ---- Strip: scripts. Causeway reads pushed options through the management interface instead.
            ["script-security"] = Routine("would allow OpenVPN to run scripts; Causeway runs none (it learns pushed DNS through the management interface)"),
            ["up"] = Routine("would run {args} as root when the tunnel opens; Causeway never runs a profile's scripts (it applies the pushed DNS itself)"),
            ["down"] = Routine("would run {args} as root when the tunnel closes; Causeway never runs a profile's scripts"),
            ["route-up"] = Strip("would run {args} as root after routes are added; Causeway never runs a profile's scripts"),
            ["route-pre-down"] = Strip("would run {args} as root before routes are removed; Causeway never runs a profile's scripts"),
            ["ipchange"] = Strip("would run {args} as root when the server address changes; Causeway never runs a profile's scripts"),
            ["up-restart"] = Routine("only matters for up/down scripts, which Causeway does not run"),
            ["down-pre"] = Routine("only matters for down scripts, which Causeway does not run"),
            ["up-delay"] = Routine("only matters for up scripts, which Causeway does not run"),
            ["setenv"] = Routine("sets a variable for scripts (or, in the Windows GUI, its settings); Causeway runs no scripts"),
            ["setenv-safe"] = Routine("sets a variable for scripts; Causeway runs no scripts"),

            // ---- Strip: DNS. Causeway points the overlay's DNS at the pushed servers itself.
            ["dhcp-option"] = Routine("would set this host's DNS; Causeway sends the overlay's DNS to the servers the provider pushes"),
            ["dns"] = Routine("would set this host's DNS; Causeway sends the overlay's DNS to the servers the provider pushes"),
            ["block-outside-dns"] = Routine("Windows only"),
            ["register-dns"] = Routine("Windows only"),
            ["ip-win32"] = Routine("Windows only"),
            ["dhcp-renew"] = Routine("Windows only"),
            ["dhcp-release"] = Routine("Windows only"),
            ["tap-sleep"] = Routine("Windows only"),
            ["win-sys"] = Routine("Windows only"),
            ["service"] = Routine("Windows only (runs OpenVPN as a Windows service)"),
            ["allow-pull-fqdn"] = Routine("lets pushed routes name hosts; Causeway installs no pushed route"),

            // ---- Strip: credentials. The provider needs them (recorded), but they come from egress.auth, never from
            // a file the profile names: `auth-user-pass /etc/shadow` would send that file's first lines to the server.
            ["auth-user-pass"] = Routine("the provider asks for a username and password; Causeway supplies them from the file set as egress.auth"),

            // ---- Strip: how the process runs and its local socket are Causeway's.
            ["user"] = Routine("would drop OpenVPN's privileges, after which it cannot reopen the device on reconnect; Causeway supervises OpenVPN as it is"),
            ["group"] = Routine("would drop OpenVPN's privileges, after which it cannot reopen the device on reconnect; Causeway supervises OpenVPN as it is"),
            ["daemon"] = Strip("would detach OpenVPN from Causeway's supervision"),
            ["syslog"] = Strip("would send OpenVPN's log to syslog; Causeway collects the log itself"),
            ["echo"] = Strip("only writes text to the log"),
            ["lport"] = Strip("would bind a fixed local port; Causeway sets nobind"),
            ["local"] = Strip("would bind a local address; Causeway sets nobind"),
            ["bind"] = Strip("would bind a local port; Causeway sets nobind"),
            ["bind-dev"] = Strip("would tie the tunnel's socket to one interface; the host's routing decides"),
            ["mark"] = Strip("would mark the tunnel's own packets, changing how this host routes them"),

            // ---- Strip: dead-peer detection is Causeway's (egress.ping_seconds, egress.ping_restart_seconds).
            ["ping"] = Routine("Causeway sets its own keepalive (egress.ping_seconds)"),
            ["ping-restart"] = Routine("Causeway sets its own dead-peer timeout (egress.ping_restart_seconds)"),
            ["ping-exit"] = Routine("would stop OpenVPN when the server is silent; Causeway restarts it instead"),
            ["keepalive"] = Routine("Causeway sets its own keepalive (egress.ping_seconds, egress.ping_restart_seconds)"),
            ["ping-timer-rem"] = Routine("Causeway sets its own keepalive"),
            ["inactive"] = Strip("would stop the tunnel when idle"),

            // ---- Strip: options OpenVPN 2.6 no longer accepts or that only weaken it.
            ["key-method"] = Routine("removed in OpenVPN 2.5 (method 2 is the only one), and 2.6 refuses the option"),
            ["ncp-disable"] = Routine("removed in OpenVPN 2.6, which refuses the option"),
            ["keysize"] = Routine("removed in OpenVPN 2.6, which refuses the option"),
            ["prng"] = Routine("removed in OpenVPN 2.6"),
            ["no-replay"] = Strip("would turn off replay protection"),
            ["ignore-unknown-option"] = Routine("only relaxes option checking; Causeway checks every option itself"),
            ["push-peer-info"] = Strip("would send more details about this host to the provider"),
            ["dh"] = Strip("a server-only option; clients ignore it"),
            ["passtos"] = Strip("would copy the TOS byte (DSCP and ECN) of every packet the tunnel carries, the forwarded clients' included, onto the encrypted packets on the uplink, where anyone on the path could tell the clients' kinds of traffic apart"),
            ["tls-exit"] = Strip("would stop OpenVPN after a failed TLS handshake; Causeway restarts it instead"),
            ["mtu-test"] = Strip("only measures the path MTU after each start and writes it to the log; Causeway clamps the MSS itself"),

            // ---- Refuse: runs code.
            ["plugin"] = Refuse("loads a shared library into OpenVPN, which runs its code as root"),
            ["iproute"] = Refuse("replaces the 'ip' command OpenVPN runs as root"),
            ["tls-verify"] = Refuse("runs {args} as root for every certificate check"),
            ["auth-user-pass-verify"] = Refuse("runs {args} as root to check passwords (a server option)"),
            ["client-connect"] = Refuse("runs {args} as root when a client connects (a server option)"),
            ["client-disconnect"] = Refuse("runs {args} as root when a client disconnects (a server option)"),
            ["learn-address"] = Refuse("runs {args} as root when an address is learned (a server option)"),
            ["tls-crypt-v2-verify"] = Refuse("runs {args} as root to check client keys (a server option)"),
            ["engine"] = Refuse("loads an OpenSSL engine (a shared library) into OpenVPN"),
            ["providers"] = Refuse("loads OpenSSL providers (shared libraries) into OpenVPN"),
            ["pkcs11-providers"] = Refuse("loads a PKCS#11 module (a shared library) into OpenVPN"),

            // ---- Refuse: reads or writes files, or changes where OpenVPN looks for them.
            ["config"] = Refuse("reads another config file, which Causeway has not checked", "paste the options it needs into this profile, or remove this line"),
            ["cd"] = Refuse("changes the directory OpenVPN resolves file names in"),
            ["chroot"] = Refuse("changes OpenVPN's root directory"),
            ["writepid"] = Refuse("writes a file ({args}); Causeway keeps the pid file itself"),
            ["log"] = Refuse("writes OpenVPN's log to {args}; Causeway collects the log itself"),
            ["log-append"] = Refuse("appends OpenVPN's log to {args}; Causeway collects the log itself"),
            ["status"] = Refuse("writes a status file ({args}); Causeway reads the status over the management interface"),
            ["tmp-dir"] = Refuse("sets where OpenVPN writes temporary files"),
            ["askpass"] = Refuse("reads the private-key passphrase from a file or the terminal", "use a key without a passphrase, or remove this line"),
            ["replay-persist"] = Refuse("writes replay state to {args}"),
            ["ifconfig-pool-persist"] = Refuse("writes the address pool to {args} (a server option)"),
            ["tls-export-cert"] = Refuse("writes peer certificates into {args}"),
            ["auth-gen-token-secret"] = Refuse("reads a token secret (a server option)"),
            ["capath"] = Refuse("reads a directory of CA certificates at every handshake", "put the CA certificate in the profile with ca or <ca>"),
            ["tls-remote"] = Refuse("was removed in OpenVPN 2.4, which refuses the option", "replace it with 'verify-x509-name {args} name', which checks the server certificate's common name"),
            ["secret"] = Refuse("static-key mode (no TLS, removed in OpenVPN 2.7) reading {args}", "use the provider's TLS profile"),
            ["genkey"] = Refuse("writes a key file"),

            // ---- Refuse: the management interface and the process are Causeway's.
            ["management"] = Refuse("opens a management interface; Causeway drives OpenVPN through its own"),
            ["management-hold"] = Refuse("Causeway sets the management options itself"),
            ["management-query-passwords"] = Refuse("Causeway sets the management options itself"),
            ["management-query-proxy"] = Refuse("Causeway sets the management options itself"),
            ["management-query-remote"] = Refuse("Causeway sets the management options itself"),
            ["management-external-key"] = Refuse("would expect Causeway to sign with the private key"),
            ["management-external-cert"] = Refuse("would expect Causeway to supply the certificate"),
            ["management-client-user"] = Refuse("Causeway sets the management options itself"),
            ["management-client-group"] = Refuse("Causeway sets the management options itself"),
            ["management-client"] = Refuse("Causeway sets the management options itself"),
            ["management-client-auth"] = Refuse("a server option"),
            ["management-forget-disconnect"] = Refuse("Causeway sets the management options itself"),
            ["management-signal"] = Refuse("Causeway sets the management options itself"),
            ["management-up-down"] = Refuse("Causeway sets the management options itself"),
            ["management-log-cache"] = Refuse("Causeway sets the management options itself"),

            // ---- Refuse: connections Causeway cannot make (and would mis-route).
            ["http-proxy"] = Refuse("connects through an HTTP proxy (which may read a credentials file); Causeway connects to the provider directly"),
            ["http-proxy-option"] = Refuse("configures an HTTP proxy; Causeway connects to the provider directly"),
            ["http-proxy-user-pass"] = Refuse("holds proxy credentials; Causeway connects to the provider directly"),
            ["socks-proxy"] = Refuse("connects through a SOCKS proxy (which may read a credentials file); Causeway connects to the provider directly"),
            ["connection"] = Refuse("<connection> blocks are not supported yet", "write each server as a line 'remote <host> <port> <udp|tcp>' and put shared options outside"),
            ["static-challenge"] = Refuse("asks for a one-time code at every connection, which Causeway cannot answer unattended", "use credentials without a second factor, or remove this line"),
            ["auth-user-pass-optional"] = Refuse("a server option"),
            ["tls-server"] = Refuse("makes this side the TLS server; Causeway is a client"),
            ["server"] = Refuse("server mode; Causeway is a client"),
            ["mode"] = Refuse("server mode; Causeway is a client"),
        };

    private static DirectiveRule Keep(int min, int max, string why, Func<ImmutableArray<string>, string?>? check = null) =>
        new(DirectiveDisposition.Keep, min, max, why, null, check);

    private static DirectiveRule Material(string what, int max = 1) =>
        new(DirectiveDisposition.Material, 0, max, what);

    private static DirectiveRule Strip(string what, string fix = StripFix) =>
        new(DirectiveDisposition.Strip, 0, int.MaxValue, what + DroppedSuffix, fix);

    /// <summary>Dropped from nearly every provider's profile, changing nothing about the connection: summed up, no fix.</summary>
    private static DirectiveRule Routine(string what) =>
        new(DirectiveDisposition.Strip, 0, int.MaxValue, what + DroppedSuffix, Routine: true);

    private static DirectiveRule Refuse(string what, string fix = "remove this line") =>
        new(DirectiveDisposition.Refuse, 0, int.MaxValue, what, fix);
}
