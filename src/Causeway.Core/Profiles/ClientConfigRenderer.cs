using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Causeway.Core.Model;

namespace Causeway.Core.Profiles;

/// <summary>
/// Writes the config Causeway starts OpenVPN with: Causeway's own options first (each with a comment saying why),
/// then the sanitized provider profile without the options Causeway sets itself, then the inline key material.
/// Never <c>script-security</c>, never a script: pushed options reach Causeway through the management interface.
/// </summary>
public static class ClientConfigRenderer
{
    /// <summary>Linux IFNAMSIZ minus the NUL: a longer name is silently cut by the kernel.</summary>
    private const int MaxDeviceNameLength = 15;

    /// <summary>sockaddr_un.sun_path minus the NUL: OpenVPN cannot bind a longer socket path.</summary>
    private const int MaxSocketPathBytes = 107;

    // Profile options Causeway always sets itself: the profile's copy is left out so that the file says one thing
    // (and cannot override Causeway's: for most options the last one wins; connect-timeout is server-poll-timeout).
    private static readonly FrozenSet<string> AlwaysOverridden = FrozenSet.ToFrozenSet(
        [
            "client", "tls-client", "pull", "nobind", "persist-key", "persist-tun", "verb", "connect-retry",
            "server-poll-timeout", "connect-timeout", "explicit-exit-notify", "fast-io",
        ],
        StringComparer.Ordinal);

    /// <summary>
    /// Problems that stop the config from being written (errors) or that the user should know of (warnings), in
    /// <see cref="ProfileDiagnostic"/> form so the caller shows them like the sanitizer's.
    /// </summary>
    public static ImmutableArray<ProfileDiagnostic> Validate(SanitizedProfile profile, ClientConfigOptions options)
    {
        var diagnostics = ImmutableArray.CreateBuilder<ProfileDiagnostic>();
        if (profile.CredentialsLine is { } line && options.AuthFilePath is null)
        {
            diagnostics.Add(new ProfileDiagnostic(
                DiagnosticSeverity.Error,
                profile.SourcePath,
                line,
                "auth-user-pass",
                $"the provider asks for a username and password (auth-user-pass at line {line}): set egress.auth",
                "set egress.auth to a file with the username on line 1 and the password on line 2 (mode 0600)"));
        }

        if (!profile.RequiresCredentials && !profile.HasClientCertificate && options.AuthFilePath is null)
        {
            diagnostics.Add(new ProfileDiagnostic(
                DiagnosticSeverity.Error,
                profile.SourcePath,
                0,
                "cert",
                "the profile has neither a client certificate (cert and key, or pkcs12) nor a username and password (auth-user-pass): OpenVPN cannot log in",
                "add the provider's client certificate and key to the profile, or set egress.auth"));
        }

        // The provider's lines as Causeway writes them (quoted anew): OpenVPN would refuse the config on every start.
        var overridden = Overridden(options);
        foreach (var directive in profile.Directives.Where(d => !overridden.Contains(d.Name)))
        {
            if (OpenVpnLimits.Problem(directive.Name, directive.Arguments) is { } problem)
            {
                diagnostics.Add(new ProfileDiagnostic(
                    DiagnosticSeverity.Error,
                    profile.SourcePath,
                    directive.Line,
                    ProfileDiagnostic.Printable(directive.Name),
                    problem,
                    "shorten the line (a shorter name or value, fewer parameters)"));
            }
        }

        if (!profile.RequiresCredentials && options.AuthFilePath is not null)
        {
            diagnostics.Add(new ProfileDiagnostic(
                DiagnosticSeverity.Warning,
                profile.SourcePath,
                0,
                "auth-user-pass",
                "egress.auth is set but the profile does not ask for a username and password; they are sent to the provider anyway",
                "remove egress.auth if the provider does not use passwords"));
        }

        return diagnostics.ToImmutable();
    }

    /// <exception cref="ClientConfigException"><see cref="Validate"/> reports an error.</exception>
    /// <exception cref="ArgumentException">The options are not usable (e.g. a device name not starting with "tun").</exception>
    public static string Render(SanitizedProfile profile, ClientConfigOptions options)
    {
        CheckOptions(options);
        var errors = Validate(profile, options).Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (!errors.IsEmpty)
        {
            throw new ClientConfigException(errors);
        }

        var tuning = options.Tuning;
        var udp = profile.UsesUdp;
        var overridden = Overridden(options);
        var w = new ConfigWriter();

        w.Comment($"OpenVPN client config written by Causeway from {profile.SourcePath}.");
        w.Comment("Causeway rewrites it before every start: change the profile or Causeway's config instead.");
        w.Blank();
        w.Comment("---- Causeway's options ----");

        w.Comment("A fixed name starting with \"tun\": zerotier-one never binds to tun* devices, and the routes name it.");
        w.Option("dev", options.DeviceName);
        w.Comment("The type cannot be guessed from every name.");
        w.Option("dev-type", "tun");
        w.Comment("Causeway drives OpenVPN through this socket: state, pushed options, restarts.");
        w.Option("management", options.ManagementSocketPath, "unix");
        w.Comment("Nothing starts before Causeway is listening on the socket and releases the hold.");
        w.Option("management-hold");
        w.Comment("Pushed options (DNS) arrive as >UPDOWN:UP with foreign_option_N, without any script.");
        w.Option("management-up-down");
        w.Comment("Keep what the server pushes but install no route: Causeway routes the overlay's traffic from its own");
        w.Comment("table and the host's default route stays. (Not route-nopull: that would discard the pushed DNS.)");
        w.Option("route-noexec");
        w.Comment("A pushed keepalive would override Causeway's fast dead-peer detection; \"ping\" also matches ping-restart");
        w.Comment("and ping-exit. Before the profile's filters: the first matching filter wins.");
        w.Literal("pull-filter ignore \"ping\"");
        w.Comment("A client that takes its settings from the server.");
        w.Option("client");
        w.Comment("Keep the device and keys across reconnects: forwarded traffic meets a closed tunnel, never the uplink.");
        w.Option("persist-tun");
        w.Option("persist-key");
        w.Comment("Dead-peer detection: a keepalive when idle, a restart after this much silence.");
        w.Option("ping", Number(tuning.PingSeconds));
        w.Option("ping-restart", Number(tuning.PingRestartSeconds));
        w.Comment("Any local port: nothing on this host has to listen for the tunnel.");
        w.Option("nobind");
        if (options.AuthFilePath is { } authFile)
        {
            w.Comment("The provider's username and password from egress.auth, not kept in memory between uses.");
            w.Option("auth-user-pass", authFile);
            w.Option("auth-nocache");
        }

        w.Comment("Causeway's supervisor finds the process by it.");
        w.Option("writepid", options.PidFilePath);
        w.Comment("Enough log to see the connection's steps; Causeway stamps the lines itself.");
        w.Option("verb", "3");
        w.Option("suppress-timestamps");
        w.Comment("Retry fast: the tunnel is back within seconds of the provider's return.");
        w.Option("connect-retry", "1", "5");
        w.Option("server-poll-timeout", "5");
        if (udp)
        {
            w.Comment("UDP: tell the server when stopping, so it frees the session at once.");
            w.Option("explicit-exit-notify", "1");
            if (tuning.FastIo)
            {
                w.Comment("UDP: write packets without waiting for the socket to poll writable (egress.fast_io).");
                w.Option("fast-io");
            }
        }

        if (tuning.SocketBufferBytes > 0)
        {
            w.Comment("Socket buffers large enough for bursts at full speed (egress.socket_buffer_bytes): with the OS default");
            w.Comment("the receive buffer overflows whenever OpenVPN waits for the CPU, and every datagram lost there was already");
            w.Comment("encrypted and sent by the provider (bench/uno/README.md). The kernel caps them at net.core.[rw]mem_max.");
            w.Option("sndbuf", Number(tuning.SocketBufferBytes));
            w.Option("rcvbuf", Number(tuning.SocketBufferBytes));
            w.Comment("A server may push its own sizes (some providers push 64 to 384 KiB): they would replace these. Before the");
            w.Comment("profile's filters: the first matching filter wins.");
            w.Literal("pull-filter ignore \"sndbuf\"");
            w.Literal("pull-filter ignore \"rcvbuf\"");
        }

        if (tuning.TxQueueLength > 0)
        {
            w.Comment("Queue length of the tun device (egress.txqueuelen).");
            w.Option("txqueuelen", Number(tuning.TxQueueLength));
        }

        w.Blank();
        w.Comment($"---- The provider's profile, sanitized ({profile.SourcePath}) ----");
        foreach (var directive in profile.Directives.Where(d => !overridden.Contains(d.Name)))
        {
            w.Option(directive.Name, [.. directive.Arguments]);
        }

        foreach (var block in profile.InlineBlocks)
        {
            w.Block(block.Name, block.Content);
        }

        return w.ToString();
    }

    /// <summary>The provider's options Causeway leaves out because it writes its own (the last one would win).</summary>
    private static HashSet<string> Overridden(ClientConfigOptions options)
    {
        var overridden = new HashSet<string>(AlwaysOverridden, StringComparer.Ordinal) { "ping", "ping-restart" };
        if (options.AuthFilePath is not null)
        {
            overridden.Add("auth-nocache");
        }

        if (options.Tuning.SocketBufferBytes > 0)
        {
            overridden.UnionWith(["sndbuf", "rcvbuf"]);
        }

        if (options.Tuning.TxQueueLength > 0)
        {
            overridden.Add("txqueuelen");
        }

        return overridden;
    }

    private static void CheckOptions(ClientConfigOptions options)
    {
        var device = options.DeviceName;
        if (!device.StartsWith("tun", StringComparison.Ordinal)
            || device.Length > MaxDeviceNameLength
            || !device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException(
                $"device name '{device}' must start with \"tun\" (zerotier-one skips only lo*, zt*, tun*, tap*), be at most {MaxDeviceNameLength} characters and use letters, digits, '-', '_', '.'",
                nameof(options));
        }

        foreach (var (what, path) in new[]
                 {
                     ("management socket", options.ManagementSocketPath),
                     ("pid file", options.PidFilePath),
                     ("auth file", options.AuthFilePath ?? "/"),
                 })
        {
            if (path.Length == 0 || ArgumentChecks.HasControlCharacter(path))
            {
                throw new ArgumentException($"{what} path '{path}' is empty or contains a control character", nameof(options));
            }
        }

        if (System.Text.Encoding.UTF8.GetByteCount(options.ManagementSocketPath) > MaxSocketPathBytes)
        {
            throw new ArgumentException(
                $"management socket path '{options.ManagementSocketPath}' is longer than the {MaxSocketPathBytes} bytes a unix socket path can have (choose a shorter instance.run_dir)",
                nameof(options));
        }

        var tuning = options.Tuning;
        if (tuning.PingSeconds < 1 || tuning.PingRestartSeconds <= tuning.PingSeconds)
        {
            throw new ArgumentException(
                $"ping {tuning.PingSeconds} s / ping-restart {tuning.PingRestartSeconds} s: ping must be at least 1 s and ping-restart longer than ping",
                nameof(options));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
