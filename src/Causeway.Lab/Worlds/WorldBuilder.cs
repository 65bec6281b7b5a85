using System.Net;
using System.Text.Json;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Causeway.Lab.Pki;
using Causeway.Lab.ZeroTier;

namespace Causeway.Lab.Worlds;

/// <summary>
/// The steps every world's `lab up` shares: namespaces and veths, the internet's services and leak counters, the
/// provider's OpenVPN server, the foreign state seeded on the gateway, and starting `causeway up` there. Each step
/// records what it made in the state file as it goes, and waits for a sign that what it started is ready.
/// </summary>
internal static class WorldBuilder
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode Readable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The lab's DNS servers (Debian's dnsmasq-base installs it here; build.sh installs the package).</summary>
    public const string Dnsmasq = "/usr/sbin/dnsmasq";

    public static async Task CreateNamespacesAsync(RunningWorld w, IReadOnlyList<string> nodes, CancellationToken ct)
    {
        foreach (var node in nodes)
        {
            var ns = w.Ns(node);
            await w.Net.RunAsync($"creating network namespace {ns}", "ip", ["netns", "add", ns], ct);
            w.SaveState(w.State with { Namespaces = [.. w.State.Namespaces, ns] });
            await w.Net.IpAsync($"bringing up lo in {ns}", ns, "link", "set", "lo", "up");
            // No duplicate address detection on the links the lab makes (it would hold IPv6 addresses, link-local
            // ones included, tentative for a while); the global addresses also get nodad.
            await w.Net.SysctlAsync(ns, "net.ipv6.conf.default.accept_dad", "0", ct);
        }

        w.Progress($"namespaces: {string.Join(", ", w.State.Namespaces)}");
    }

    public static async Task VethAsync(RunningWorld w, string nsA, string ifA, string nsB, string ifB, CancellationToken ct)
    {
        await w.Net.RunAsync($"creating veth {ifA} ({nsA}) <-> {ifB} ({nsB})", "ip", ["link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB], ct);
        await w.Net.IpAsync($"bringing up {ifA} in {nsA}", nsA, "link", "set", ifA, "up");
        await w.Net.IpAsync($"bringing up {ifB} in {nsB}", nsB, "link", "set", ifB, "up");
    }

    /// <summary>IPv6 addresses with nodad: duplicate address detection would leave them tentative for a while.</summary>
    public static Task<CommandResult> AddressAsync(RunningWorld w, string ns, string device, string cidr) =>
        cidr.Contains(':', StringComparison.Ordinal)
            ? w.Net.IpAsync($"adding {cidr} to {device} in {ns}", ns, "-6", "address", "add", cidr, "dev", device, "nodad")
            : w.Net.IpAsync($"adding {cidr} to {device} in {ns}", ns, "address", "add", cidr, "dev", device);

    /// <summary>
    /// The kernel adds IPv6 link-local addresses (and their local routes) when a link's carrier comes up, which
    /// happens asynchronously after `ip link set up`. Wait until every veth has one, so that the world is settled
    /// before anything (the host snapshot before `causeway up`) looks at it.
    /// </summary>
    public static async Task WaitForLinkLocalAsync(RunningWorld w, IReadOnlyList<string> nodes, CancellationToken ct)
    {
        foreach (var node in nodes)
        {
            var ns = w.Ns(node);
            await Waiting.UntilAsync(
                async token =>
                {
                    var json = (await w.Net.IpAsync($"listing addresses in {ns}", ns, "-j", "-6", "address", "show")).StandardOutput;
                    using var document = JsonDocument.Parse(json);
                    foreach (var link in document.RootElement.EnumerateArray())
                    {
                        if (link.GetProperty("ifname").GetString() == "lo")
                        {
                            continue;
                        }

                        var settled = link.TryGetProperty("addr_info", out var addresses) && addresses.EnumerateArray().Any(a =>
                            a.GetProperty("scope").GetString() == "link" && !a.TryGetProperty("tentative", out _));
                        if (!settled)
                        {
                            return false;
                        }
                    }

                    return true;
                },
                TimeSpan.FromSeconds(10),
                $"IPv6 link-local addresses in {ns}",
                w.Time,
                ct);
        }
    }

    /// <summary>
    /// The parts every world wires alike: the internet router's link to the provider, the services' addresses on its
    /// lo and its forwarding; the provider's uplink and default route (it forwards, and NATs, its clients).
    /// </summary>
    public static async Task WireInternetAndProviderAsync(RunningWorld w, CancellationToken ct)
    {
        string inet = w.Ns(BackboneTopology.Internet), prov = w.Ns(BackboneTopology.Provider);
        await AddressAsync(w, inet, BackboneTopology.InternetToProvider, $"{BackboneTopology.InternetProviderSide}/{BackboneTopology.ProviderPrefixLength}");
        await AddressAsync(w, inet, "lo", $"{BackboneTopology.EchoAddress}/32");
        await AddressAsync(w, inet, "lo", $"{BackboneTopology.InternetDnsAddress}/32");
        await AddressAsync(w, inet, "lo", $"{BackboneTopology.EchoAddress6}/128");
        await AddressAsync(w, inet, "lo", $"{BackboneTopology.HostEchoAddress}/32");
        await AddressAsync(w, inet, "lo", $"{BackboneTopology.HostEchoAddress6}/128");
        await w.Net.SysctlAsync(inet, "net.ipv4.ip_forward", "1", ct);

        await AddressAsync(w, prov, BackboneTopology.ProviderUplink, $"{BackboneTopology.ProviderAddress}/{BackboneTopology.ProviderPrefixLength}");
        await w.Net.IpAsync("routing the provider", prov, "route", "add", "default", "via", BackboneTopology.InternetProviderSide.ToString());

        // The provider's tunnel network is reachable from the internet router through the provider, as it is from
        // anything on the provider's side: so `tunnel-injection-no-leak` can put packets into the tunnel.
        await w.Net.IpAsync("routing the provider's tunnel network", inet, "route", "add", BackboneTopology.ProviderTunnelCidr, "via", BackboneTopology.ProviderAddress.ToString());
        await w.Net.SysctlAsync(prov, "net.ipv4.ip_forward", "1", ct);
    }

    /// <summary>
    /// The host Causeway runs on (Uno's gateway, Duo's VM): a dual-stack uplink to the internet router with its own
    /// default routes, and its overlay addresses. IPv6 forwarding is ON (the lab's doing, not Causeway's), so that
    /// "no IPv6 leaks" is a property of Causeway and not of a host that could not forward IPv6 anyway.
    /// </summary>
    public static async Task WireGatewayAsync(RunningWorld w, GatewayUplink uplink, CancellationToken ct)
    {
        string inet = w.Ns(BackboneTopology.Internet), host = w.Ns(uplink.Node);
        await AddressAsync(w, inet, uplink.InternetSide, $"{uplink.InternetAddress}/{uplink.PrefixLength}");
        await AddressAsync(w, inet, uplink.InternetSide, $"{uplink.InternetAddress6}/{uplink.PrefixLength6}");
        await AddressAsync(w, host, uplink.Device, $"{uplink.Address}/{uplink.PrefixLength}");
        await AddressAsync(w, host, uplink.Device, $"{uplink.Address6}/{uplink.PrefixLength6}");
        await w.Net.IpAsync($"routing the {uplink.Node}", host, "route", "add", "default", "via", uplink.InternetAddress.ToString(), "dev", uplink.Device);
        await w.Net.IpAsync($"routing the {uplink.Node} (IPv6)", host, "-6", "route", "add", "default", "via", uplink.InternetAddress6.ToString(), "dev", uplink.Device);
        await w.Net.SysctlAsync(host, "net.ipv6.conf.all.forwarding", "1", ct);
    }

    /// <summary>A host's addresses on the overlay device (which the world made: a veth, or Dinosaur's vxlan).</summary>
    public static async Task OverlayAddressesAsync(RunningWorld w, string node, IPAddress address, IPAddress address6)
    {
        await AddressAsync(w, w.Ns(node), BackboneTopology.OverlayDevice, $"{address}/{BackboneTopology.OverlayPrefixLength}");
        await AddressAsync(w, w.Ns(node), BackboneTopology.OverlayDevice, $"{address6}/{BackboneTopology.OverlayPrefixLength6}");
    }

    /// <summary>
    /// The internet router's echo service (on the clients' address and on the host's own) and DNS on its loopback,
    /// then the leak counters on the gateway's uplink: installed here, once, and never reset, so that they count the
    /// world's whole life (<see cref="Leaks.LeakCounterRuleset"/>).
    /// </summary>
    public static async Task StartInternetAsync(RunningWorld w, string leakRuleset, string leakDevice, CancellationToken ct)
    {
        IPEndPoint[] echoes =
        [
            new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort),
            new(BackboneTopology.EchoAddress6, BackboneTopology.EchoPort),
            new(BackboneTopology.HostEchoAddress, BackboneTopology.EchoPort),
            new(BackboneTopology.HostEchoAddress6, BackboneTopology.EchoPort),
        ];
        w.StartDetached(BackboneProcessNames.InternetEcho, BackboneTopology.Internet, w.Binary, ["serve", "echo", .. echoes.SelectMany(e => new[] { "--listen", e.ToString() })], w.Layout.EchoLog);
        foreach (var echo in echoes)
        {
            await w.WaitListeningAsync(BackboneProcessNames.InternetEcho, BackboneTopology.Internet, echo, ct);
        }

        var dns = await StartDnsAsync(w, BackboneProcessNames.InternetDns, BackboneTopology.Internet, BackboneTopology.InternetDnsAddress, BackboneTopology.InternetDnsTxt, w.Layout.InternetDnsLog, ct);

        await w.Net.NftAsync($"installing the leak counters on {leakDevice}", w.Ns(BackboneTopology.Internet), leakRuleset, ct);
        w.Progress($"internet: echo on {echoes[0]} and {echoes[1]} (clients'), {echoes[2]} and {echoes[3]} (the host's own), DNS on {dns}, "
            + $"leak counters on {leakDevice} for the world's whole life (table netdev {BackboneTopology.LeakTable})");
    }

    /// <summary>
    /// A DNS server on <paramref name="address"/>:53 (UDP and TCP) in <paramref name="node"/>, answering the lab's name
    /// with a TXT that says who answered (<paramref name="txt"/>) and an A record of the echo address; returns once it
    /// listens. Debian's dnsmasq (package dnsmasq-base), and nothing else of it: no config file, no upstream servers
    /// (--no-resolv), no /etc/hosts, no DHCP, bound to that address alone, in the foreground so that the recorded pid
    /// is its own; every query is logged. The provider's address exists only while its OpenVPN server runs: its
    /// namespace allows binding it anyway (net.ipv4.ip_nonlocal_bind), so the server answers again once the tunnel is back.
    /// </summary>
    private static async Task<IPEndPoint> StartDnsAsync(RunningWorld w, string process, string node, IPAddress address, string txt, string log, CancellationToken ct)
    {
        var dns = new IPEndPoint(address, 53);
        w.StartDetached(
            process,
            node,
            Dnsmasq,
            ["--keep-in-foreground", "--conf-file=/dev/null", "--pid-file=", "--no-resolv", "--no-hosts",
             "--bind-interfaces", $"--listen-address={address}", "--port=53",
             $"--txt-record={BackboneTopology.LabDnsName},{txt}",
             $"--host-record={BackboneTopology.LabDnsName},{BackboneTopology.EchoAddress}",
             "--log-facility=-", "--log-queries"],
            log);
        await w.WaitListeningAsync(process, node, dns, ct);
        return dns;
    }

    /// <summary>The provider: its PKI files, a real OpenVPN server (username and password checked), NAT and DNS.</summary>
    public static async Task StartProviderAsync(RunningWorld w, LabPki pki, (string User, string Password) credentials, CancellationToken ct)
    {
        var dir = w.Layout.ProviderDirectory;
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "ca.crt"), pki.CaCertificatePem, Private);
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "server.crt"), pki.Server.CertificatePem, Private);
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "server.key"), pki.Server.PrivateKeyPem, Private);
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "tls-crypt.key"), pki.TlsCryptKey, Private);
        w.Files.WriteAllTextAtomic(w.Layout.ProviderExpectedAuth, $"{credentials.User}\n{credentials.Password}\n", Private);
        var verify = $"{w.Binary} verify-auth {w.Layout.ProviderExpectedAuth}";
        // Three words, the program, verify-auth and the file: a space in either path would split them.
        if (verify.Count(c => c == ' ') != 2)
        {
            throw new InvalidOperationException($"the causeway-lab binary's path '{w.Binary}' holds a space: OpenVPN would split its auth-user-pass-verify line there (install it elsewhere)");
        }

        w.Files.WriteAllTextAtomic(w.Layout.ProviderServerConfig, ProviderServerConfig.Build(dir, verify), Private);

        // What the internet sends to the tunnel network itself (only the lab's injection does) passes untracked: the
        // provider NATs the same flows, so its conntrack would take a packet into one of them (the gateway's tunnel
        // address and port, from the service's) for a clash with the flow's own entry, and rewrite or drop it.
        var prov = w.Ns(BackboneTopology.Provider);
        await w.Net.NftAsync("installing the provider's NAT", prov, $$"""
            table ip {{BackboneTopology.ProviderNatTable}}
            delete table ip {{BackboneTopology.ProviderNatTable}}
            table ip {{BackboneTopology.ProviderNatTable}} {
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip saddr {{BackboneTopology.ProviderTunnelCidr}} oifname "{{BackboneTopology.ProviderUplink}}" masquerade comment "the provider's clients leave as the provider"
                }
                chain from-internet {
                    type filter hook prerouting priority raw; policy accept;
                    iifname "{{BackboneTopology.ProviderUplink}}" ip daddr {{BackboneTopology.ProviderTunnelCidr}} notrack comment "into the tunnel as sent (tunnel-injection-no-leak)"
                }
            }
            """, ct);
        // The provider's DNS binds 10.8.0.1, which exists only while the OpenVPN server runs.
        await w.Net.SysctlAsync(prov, "net.ipv4.ip_nonlocal_bind", "1", ct);

        var took = await w.StartProviderAndWaitAsync(ct);
        var dns = await StartDnsAsync(w, BackboneProcessNames.ProviderDns, BackboneTopology.Provider, BackboneTopology.ProviderDnsAddress, BackboneTopology.ProviderDnsTxt, w.Layout.ProviderDnsLog, ct);
        w.Progress($"provider: OpenVPN server on {BackboneTopology.ProviderAddress}:{BackboneTopology.OpenVpnPort}/udp (ready in {took.TotalSeconds:0.0} s), NAT, DNS on {dns}; PKI by Causeway.Core.Pki");
    }

    /// <summary>
    /// What Causeway must leave alone on the gateway: a foreign nft table, ip rule, route and sysctl
    /// (<paramref name="foreignSysctl"/>, one of the uplink's).
    /// </summary>
    private static async Task SeedForeignStateAsync(RunningWorld w, string foreignSysctl, CancellationToken ct)
    {
        var gateway = w.Ns(w.GatewayNode);
        await w.Net.NftAsync("seeding a foreign nft table on the gateway", gateway, $$"""
            table inet {{BackboneTopology.ForeignNftTable}} {
                comment "seeded by causeway lab: not Causeway's, must survive up and down"
                chain input {
                    type filter hook input priority filter + 10; policy accept;
                    counter comment "foreign"
                }
            }
            """, ct);
        await w.Net.IpAsync("seeding a foreign ip rule", gateway, "rule", "add", "priority", BackboneTopology.ForeignRulePriority.ToString(), "to", BackboneTopology.ForeignRouteDestination, "lookup", BackboneTopology.ForeignRouteTable.ToString());
        await w.Net.IpAsync("seeding a foreign route", gateway, "route", "add", BackboneTopology.ForeignRouteDestination, "via", w.Uplink.InternetAddress.ToString(), "dev", w.Uplink.Device, "table", BackboneTopology.ForeignRouteTable.ToString());
        await w.Net.SysctlAsync(gateway, foreignSysctl, BackboneTopology.ForeignSysctlValue, ct);
    }

    /// <summary>
    /// The gateway before `causeway up`: the foreign state seeded, the provider's files and `causeway up`'s config
    /// (<paramref name="config"/>) written, the ZeroTier stand-in running the world's scenario, and its own default
    /// routes recorded (what `causeway up` must leave as they are).
    /// </summary>
    /// <param name="pki">The provider's PKI, for the host's provider profile; null for a host without one (Dinosaur's VM).</param>
    public static async Task PrepareGatewayAsync(RunningWorld w, LabPki? pki, (string User, string Password) credentials, string foreignSysctl, string config, ZeroTierStandInScenario scenario, CancellationToken ct)
    {
        await SeedForeignStateAsync(w, foreignSysctl, ct);
        if (pki is not null)
        {
            WriteProviderFiles(w, pki, credentials);
        }

        w.Files.WriteAllTextAtomic(w.Layout.GatewayConfig, config, Readable);
        await ZeroTierStandInLauncher.StartAsync(w, scenario, ct);
        w.SaveHostDefaultRoutes(await DefaultRoutesAsync(w, ct));
    }

    /// <summary>What the owner downloads from the provider (the profile) and their credentials (0600).</summary>
    private static void WriteProviderFiles(RunningWorld w, LabPki pki, (string User, string Password) credentials)
    {
        w.Files.WriteAllTextAtomic(w.Layout.GatewayProfile, ProviderProfile.Build(pki.CaCertificatePem, pki.Client.CertificatePem, pki.Client.PrivateKeyPem, pki.TlsCryptKey), Private);
        w.Files.WriteAllTextAtomic(w.Layout.GatewayAuth, $"{credentials.User}\n{credentials.Password}\n", Private);
    }

    /// <summary>The gateway's own default routes (IPv4 and IPv6) as `ip route` prints them.</summary>
    public static async Task<IReadOnlyList<string>> DefaultRoutesAsync(RunningWorld w, CancellationToken ct)
    {
        var gateway = w.Ns(w.GatewayNode);
        var v4 = await w.Net.IpAsync("reading the gateway's default route", gateway, "route", "show", "default");
        var v6 = await w.Net.IpAsync("reading the gateway's IPv6 default route", gateway, "-6", "route", "show", "default");
        return [.. (v4.StandardOutput + v6.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>Snapshots the gateway (what `down` must bring it back to), starts `causeway up` and waits until it is ready.</summary>
    public static async Task StartGatewayAsync(RunningWorld w, CancellationToken ct)
    {
        w.SaveHostSnapshot(await GatewaySnapshot.SaveAsync(w, w.Layout.SnapshotBeforeUp, ct));
        var record = w.StartGateway();
        w.Progress($"{w.GatewayNode}: `causeway up -c {w.GatewayConfigPath}` started (pid {record.Pid}), waiting for it to be ready...");
        var (took, status) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        w.Progress($"{w.GatewayNode}: {status.Summary} after {took.TotalSeconds:0.0} s");
    }
}
