using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Causeway.Engine.Seams;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Pki;

namespace Causeway.Lab.Uno;

/// <summary>
/// `causeway lab up uno`: builds the world step by step, recording everything it makes in the state file as it
/// goes. Nothing here sleeps: each step that starts something waits for a sign that it is ready.
/// </summary>
internal static class UnoBuilder
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Readable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static async Task BuildAsync(UnoWorld w, bool startGateway, CancellationToken ct)
    {
        foreach (var directory in new[] { w.Layout.InternetDirectory, w.Layout.ProviderDirectory, w.Layout.GatewayDirectory, w.Layout.LaptopDirectory })
        {
            w.Files.EnsureDirectory(directory, PrivateDirectory);
        }

        await CreateNamespacesAsync(w, ct);
        await WireAsync(w, ct);
        await StartInternetAsync(w, ct);
        var pki = LabPki.Create(w.Time.GetUtcNow(), UnoTopology.ProviderAddress.ToString());
        var credentials = ($"lab-gateway", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        await StartProviderAsync(w, pki, credentials, ct);
        await PrepareGatewayAsync(w, pki, credentials, ct);
        await PrepareLaptopAsync(w, ct);
        if (startGateway)
        {
            await StartGatewayAsync(w, ct);
        }
        else
        {
            w.Progress("gateway: not started (--no-gateway)");
        }
    }

    private static async Task CreateNamespacesAsync(UnoWorld w, CancellationToken ct)
    {
        foreach (var node in UnoTopology.Nodes)
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

    private static async Task WireAsync(UnoWorld w, CancellationToken ct)
    {
        string inet = w.Ns(UnoTopology.Internet), prov = w.Ns(UnoTopology.Provider), sbc = w.Ns(UnoTopology.Gateway), laptop = w.Ns(UnoTopology.Laptop);
        await VethAsync(w, inet, UnoTopology.InternetToProvider, prov, UnoTopology.ProviderUplink, ct);
        await VethAsync(w, inet, UnoTopology.InternetToGateway, sbc, UnoTopology.GatewayUplink, ct);
        // The overlay: both ends named like the real ZeroTier device of network 2f5042fc3b08bd2e.
        await VethAsync(w, sbc, UnoTopology.OverlayDevice, laptop, UnoTopology.OverlayDevice, ct);

        // The internet router: its two links and the services' addresses on lo.
        await AddressAsync(w, inet, UnoTopology.InternetToProvider, $"{UnoTopology.InternetProviderSide}/{UnoTopology.ProviderPrefixLength}");
        await AddressAsync(w, inet, UnoTopology.InternetToGateway, $"{UnoTopology.InternetGatewaySide}/{UnoTopology.GatewayPrefixLength}");
        await AddressAsync(w, inet, UnoTopology.InternetToGateway, $"{UnoTopology.InternetGatewaySide6}/{UnoTopology.GatewayPrefixLength6}");
        await AddressAsync(w, inet, "lo", $"{UnoTopology.EchoAddress}/32");
        await AddressAsync(w, inet, "lo", $"{UnoTopology.InternetDnsAddress}/32");
        await AddressAsync(w, inet, "lo", $"{UnoTopology.EchoAddress6}/128");
        await w.Net.SysctlAsync(inet, "net.ipv4.ip_forward", "1", ct);

        // The provider: uplink and default route; it forwards (and NATs) its clients.
        await AddressAsync(w, prov, UnoTopology.ProviderUplink, $"{UnoTopology.ProviderAddress}/{UnoTopology.ProviderPrefixLength}");
        await w.Net.IpAsync("routing the provider", prov, "route", "add", "default", "via", UnoTopology.InternetProviderSide.ToString());
        await w.Net.SysctlAsync(prov, "net.ipv4.ip_forward", "1", ct);

        // The gateway: a dual-stack uplink with its own default routes, and the overlay. IPv6 forwarding is ON
        // (the lab's doing, not Causeway's), so that "no IPv6 leaks" is a property of Causeway and not of a host
        // that could not forward IPv6 anyway.
        await AddressAsync(w, sbc, UnoTopology.GatewayUplink, $"{UnoTopology.GatewayAddress}/{UnoTopology.GatewayPrefixLength}");
        await AddressAsync(w, sbc, UnoTopology.GatewayUplink, $"{UnoTopology.GatewayAddress6}/{UnoTopology.GatewayPrefixLength6}");
        await AddressAsync(w, sbc, UnoTopology.OverlayDevice, $"{UnoTopology.GatewayOverlayAddress}/{UnoTopology.OverlayPrefixLength}");
        await AddressAsync(w, sbc, UnoTopology.OverlayDevice, $"{UnoTopology.GatewayOverlayAddress6}/{UnoTopology.OverlayPrefixLength6}");
        await w.Net.IpAsync("routing the gateway", sbc, "route", "add", "default", "via", UnoTopology.InternetGatewaySide.ToString(), "dev", UnoTopology.GatewayUplink);
        await w.Net.IpAsync("routing the gateway (IPv6)", sbc, "-6", "route", "add", "default", "via", UnoTopology.InternetGatewaySide6.ToString(), "dev", UnoTopology.GatewayUplink);
        await w.Net.SysctlAsync(sbc, "net.ipv6.conf.all.forwarding", "1", ct);

        // The laptop: what ZeroTier's allowDefault installs for a managed default route via the gateway.
        await AddressAsync(w, laptop, UnoTopology.OverlayDevice, $"{UnoTopology.LaptopOverlayAddress}/{UnoTopology.OverlayPrefixLength}");
        await AddressAsync(w, laptop, UnoTopology.OverlayDevice, $"{UnoTopology.LaptopOverlayAddress6}/{UnoTopology.OverlayPrefixLength6}");
        foreach (var half in new[] { "0.0.0.0/1", "128.0.0.0/1" })
        {
            await w.Net.IpAsync("routing the laptop", laptop, "route", "add", half, "via", UnoTopology.GatewayOverlayAddress.ToString());
        }

        await w.Net.IpAsync("routing the laptop (IPv6)", laptop, "-6", "route", "add", "default", "via", UnoTopology.GatewayOverlayAddress6.ToString());
        await WaitForLinkLocalAsync(w, ct);
        w.Progress("links: internet <-> provider, internet <-> gateway (dual stack), gateway <-> laptop over zt2nvuuqiv");
    }

    /// <summary>
    /// The kernel adds IPv6 link-local addresses (and their local routes) when a link's carrier comes up, which
    /// happens asynchronously after `ip link set up`. Wait until every veth has one, so that the world is settled
    /// before anything (the host snapshot before `causeway up`) looks at it.
    /// </summary>
    private static async Task WaitForLinkLocalAsync(UnoWorld w, CancellationToken ct)
    {
        foreach (var node in UnoTopology.Nodes)
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

    private static async Task VethAsync(UnoWorld w, string nsA, string ifA, string nsB, string ifB, CancellationToken ct)
    {
        await w.Net.RunAsync($"creating veth {ifA} ({nsA}) <-> {ifB} ({nsB})", "ip", ["link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB], ct);
        await w.Net.IpAsync($"bringing up {ifA} in {nsA}", nsA, "link", "set", ifA, "up");
        await w.Net.IpAsync($"bringing up {ifB} in {nsB}", nsB, "link", "set", ifB, "up");
    }

    /// <summary>IPv6 addresses with nodad: duplicate address detection would leave them tentative for a while.</summary>
    private static Task<CommandResult> AddressAsync(UnoWorld w, string ns, string device, string cidr) =>
        cidr.Contains(':', StringComparison.Ordinal)
            ? w.Net.IpAsync($"adding {cidr} to {device} in {ns}", ns, "-6", "address", "add", cidr, "dev", device, "nodad")
            : w.Net.IpAsync($"adding {cidr} to {device} in {ns}", ns, "address", "add", cidr, "dev", device);

    private static async Task StartInternetAsync(UnoWorld w, CancellationToken ct)
    {
        var echo = new IPEndPoint(UnoTopology.EchoAddress, UnoTopology.EchoPort);
        var echo6 = new IPEndPoint(UnoTopology.EchoAddress6, UnoTopology.EchoPort);
        w.StartDetached(UnoProcessNames.InternetEcho, UnoTopology.Internet, w.Binary, ["lab", "serve", "echo", "--listen", echo.ToString(), "--listen", echo6.ToString()], w.Layout.EchoLog);
        var dns = new IPEndPoint(UnoTopology.InternetDnsAddress, 53);
        w.StartDetached(
            UnoProcessNames.InternetDns,
            UnoTopology.Internet,
            w.Binary,
            ["lab", "serve", "dns", "--listen", dns.ToString(),
             "--answer", $"{UnoTopology.LabDnsName}=TXT:{UnoTopology.InternetDnsTxt}",
             "--answer", $"{UnoTopology.LabDnsName}=A:{UnoTopology.EchoAddress}"],
            w.Layout.InternetDnsLog);
        await w.WaitListeningAsync(UnoProcessNames.InternetEcho, UnoTopology.Internet, echo, ct);
        await w.WaitListeningAsync(UnoProcessNames.InternetEcho, UnoTopology.Internet, echo6, ct);
        await w.WaitListeningAsync(UnoProcessNames.InternetDns, UnoTopology.Internet, dns, ct);

        await w.Net.NftAsync("installing the leak counters on i-sbc", w.Ns(UnoTopology.Internet), LeakCounterRuleset.Build(UnoTopology.LeakTable), ct);
        w.Progress($"internet: echo on {echo} and {echo6}, DNS on {dns}, leak counters on {UnoTopology.InternetToGateway} (table netdev {UnoTopology.LeakTable})");
    }

    private static async Task StartProviderAsync(UnoWorld w, LabPki pki, (string User, string Password) credentials, CancellationToken ct)
    {
        var dir = w.Layout.ProviderDirectory;
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "ca.crt"), pki.CaCertificatePem, Private);
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "server.crt"), pki.Server.CertificatePem, Private);
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "server.key"), pki.Server.PrivateKeyPem, Private);
        w.Files.WriteAllTextAtomic(Path.Combine(dir, "tls-crypt.key"), pki.TlsCryptKey, Private);
        w.Files.WriteAllTextAtomic(w.Layout.ProviderExpectedAuth, $"{credentials.User}\n{credentials.Password}\n", Private);
        var verify = $"{w.Binary} lab verify-auth {w.Layout.ProviderExpectedAuth}";
        if (verify.Count(c => c == ' ') != 3)
        {
            throw new InvalidOperationException($"the causeway binary's path '{w.Binary}' holds a space: OpenVPN would split its auth-user-pass-verify line there (install it elsewhere)");
        }

        w.Files.WriteAllTextAtomic(w.Layout.ProviderServerConfig, ProviderServerConfig.Build(dir, verify), Private);

        var prov = w.Ns(UnoTopology.Provider);
        await w.Net.NftAsync("installing the provider's NAT", prov, $$"""
            table ip {{UnoTopology.ProviderNatTable}}
            delete table ip {{UnoTopology.ProviderNatTable}}
            table ip {{UnoTopology.ProviderNatTable}} {
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip saddr {{UnoTopology.ProviderTunnelCidr}} oifname "{{UnoTopology.ProviderUplink}}" masquerade comment "the provider's clients leave as the provider"
                }
            }
            """, ct);
        // The provider's DNS binds 10.8.0.1, which exists only while the OpenVPN server runs.
        await w.Net.SysctlAsync(prov, "net.ipv4.ip_nonlocal_bind", "1", ct);

        var took = await w.StartProviderAndWaitAsync(ct);
        var dns = new IPEndPoint(UnoTopology.ProviderDnsAddress, 53);
        w.StartDetached(
            UnoProcessNames.ProviderDns,
            UnoTopology.Provider,
            w.Binary,
            ["lab", "serve", "dns", "--listen", dns.ToString(),
             "--answer", $"{UnoTopology.LabDnsName}=TXT:{UnoTopology.ProviderDnsTxt}",
             "--answer", $"{UnoTopology.LabDnsName}=A:{UnoTopology.EchoAddress}"],
            w.Layout.ProviderDnsLog);
        await w.WaitListeningAsync(UnoProcessNames.ProviderDns, UnoTopology.Provider, dns, ct);
        w.Progress($"provider: OpenVPN server on {UnoTopology.ProviderAddress}:{UnoTopology.OpenVpnPort}/udp (ready in {took.TotalSeconds:0.0} s), NAT, DNS on {dns}; PKI by Causeway.Core.Pki");
    }

    private static async Task PrepareGatewayAsync(UnoWorld w, LabPki pki, (string User, string Password) credentials, CancellationToken ct)
    {
        var sbc = w.Ns(UnoTopology.Gateway);

        // Foreign state Causeway must not touch: an nft table, an ip rule, a route and a sysctl.
        await w.Net.NftAsync("seeding a foreign nft table on the gateway", sbc, $$"""
            table inet {{UnoTopology.ForeignNftTable}} {
                comment "seeded by causeway lab: not Causeway's, must survive up and down"
                chain input {
                    type filter hook input priority filter + 10; policy accept;
                    counter comment "foreign"
                }
            }
            """, ct);
        await w.Net.IpAsync("seeding a foreign ip rule", sbc, "rule", "add", "priority", UnoTopology.ForeignRulePriority.ToString(), "to", UnoTopology.ForeignRouteDestination, "lookup", UnoTopology.ForeignRouteTable.ToString());
        await w.Net.IpAsync("seeding a foreign route", sbc, "route", "add", UnoTopology.ForeignRouteDestination, "via", UnoTopology.InternetGatewaySide.ToString(), "dev", UnoTopology.GatewayUplink, "table", UnoTopology.ForeignRouteTable.ToString());
        await w.Net.SysctlAsync(sbc, UnoTopology.ForeignSysctl, UnoTopology.ForeignSysctlValue, ct);

        // What the owner downloads from the provider, their credentials (0600), and Causeway's config.
        var dir = w.Layout.GatewayDirectory;
        w.Files.WriteAllTextAtomic(w.Layout.GatewayProfile, ProviderProfile.Build(pki.CaCertificatePem, pki.Client.CertificatePem, pki.Client.PrivateKeyPem, pki.TlsCryptKey), Private);
        w.Files.WriteAllTextAtomic(w.Layout.GatewayAuth, $"{credentials.User}\n{credentials.Password}\n", Private);
        w.Files.WriteAllTextAtomic(w.Layout.GatewayConfig, GatewayConfigFile.Build(w.World.Prefix + w.World.Name, dir), Readable);

        await ZeroTierStandInLauncher.StartAsync(w, ct);

        var routes = await DefaultRoutesAsync(w, ct);
        w.SaveState(w.State with { GatewayDefaultRoutes = routes });
        w.Progress($"gateway: foreign nft table, rule {UnoTopology.ForeignRulePriority}, route in table {UnoTopology.ForeignRouteTable} and {UnoTopology.ForeignSysctl}={UnoTopology.ForeignSysctlValue} seeded; config {w.Layout.GatewayConfig}");
    }

    /// <summary>The gateway's own default routes (IPv4 and IPv6) as `ip route` prints them.</summary>
    public static async Task<IReadOnlyList<string>> DefaultRoutesAsync(UnoWorld w, CancellationToken ct)
    {
        var sbc = w.Ns(UnoTopology.Gateway);
        var v4 = await w.Net.IpAsync("reading the gateway's default route", sbc, "route", "show", "default");
        var v6 = await w.Net.IpAsync("reading the gateway's IPv6 default route", sbc, "-6", "route", "show", "default");
        return [.. (v4.StandardOutput + v6.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static async Task PrepareLaptopAsync(UnoWorld w, CancellationToken ct)
    {
        await w.Net.NftAsync("installing the laptop's probe counters", w.Ns(UnoTopology.Laptop), LaptopProbeRuleset.Build(UnoTopology.LaptopProbeTable), ct);
        w.Progress($"laptop: {UnoTopology.LaptopOverlayAddress} on {UnoTopology.OverlayDevice}, default via {UnoTopology.GatewayOverlayAddress}, probe counters (table inet {UnoTopology.LaptopProbeTable})");
    }

    public static async Task StartGatewayAsync(UnoWorld w, CancellationToken ct)
    {
        // Before `up` touches anything: what `down` must bring the host back to.
        var snapshot = await GatewaySnapshot.SaveAsync(w, w.Layout.SnapshotBeforeUp, ct);
        w.SaveState(w.State with { SnapshotBeforeUpPath = snapshot });
        var record = w.StartGateway();
        w.Progress($"gateway: `causeway up -c {w.State.GatewayConfigPath}` started (pid {record.Pid}), waiting for the tunnel...");
        var (took, status) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        w.Progress($"gateway: {status.Summary} after {took.TotalSeconds:0.0} s");
    }
}
