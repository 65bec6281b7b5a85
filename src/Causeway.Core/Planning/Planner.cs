using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Causeway.Core.Model;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;

namespace Causeway.Core.Planning;

/// <summary>
/// Turns the config and the current facts into the desired host state. Pure: the same inputs give the same
/// state, byte for byte (the nft fingerprint depends on it).
/// </summary>
public static class Planner
{
    /// <summary>The metric of the tunnel default in Causeway's table.</summary>
    public const long EgressMetric = 100;

    /// <summary>The highest metric: the unreachable default lies under every other default, always.</summary>
    public const long UnreachableMetric = uint.MaxValue;

    /// <summary>rp_filter 2 (loose) on the egress: replies from the tunnel have internet sources that the main table routes elsewhere.</summary>
    public const string LooseReversePathFilter = "2";

    public const string ForwardChain = "forward";
    public const string DnsChain = "dns";
    public const string NatChain = "nat";
    public const string HostInputChain = "host-input";
    public const string UplinkGuardChain = "uplink-guard";

    /// <summary>The comment of the forward rule that drops whatever clients send anywhere but the egress: the leak counter.</summary>
    public const string LeakRuleComment = "drop-client-other";

    /// <summary>Comments of every rule that drops forwarded traffic (their counters are the kill switch's work).</summary>
    public static readonly ImmutableArray<string> DropRuleComments = ["drop-client-ipv6", "drop-egress-unsolicited", LeakRuleComment];

    /// <summary>
    /// Comments of the rules that keep this host's own stack from speaking for client flows: what arrives on the
    /// egress for the host itself with no conntrack state, and whatever would leave by an interface that is neither
    /// the egress nor a client interface while sourced from a tunnel or client address or belonging to a client flow.
    /// </summary>
    public static readonly ImmutableArray<string> GuardRuleComments =
        ["drop-egress-to-host", "drop-client-source-outside", "drop-client-source-outside-ipv6", "drop-client-flow-outside", "drop-client-flow-outside-ipv6"];

    /// <summary>
    /// Uno: the overlay is the one client interface, the provider tunnel the egress. Duo: with [access], the access
    /// servers' tun devices are client interfaces too (<see cref="AccessInputs"/>).
    /// </summary>
    public static DesiredState Plan(CausewaySettings settings, OverlayFacts overlay, TunnelFacts tunnel) =>
        Plan(Inputs(settings, overlay, tunnel));

    /// <summary>
    /// The planner's inputs from the config and the facts. Dinosaur's VM (egress.overlay_gateway): the egress is the
    /// overlay's own device with the gateway as next hop, usable while the gateway answers (<paramref name="tunnel"/>
    /// then tells that), and clients' DNS goes to the gateway, which redirects it to its provider's resolver.
    /// </summary>
    public static PlanningInputs Inputs(CausewaySettings settings, OverlayFacts overlay, TunnelFacts tunnel)
    {
        var egress = settings.Egress.OverlayGateway is { } gateway
            ? new Egress(overlay.InterfaceName, tunnel.Connected, gateway) { Mtu = overlay.Mtu }
            : new Egress(settings.Egress.DeviceName, tunnel.Connected)
            {
                LocalAddresses = tunnel.LocalAddress is { } local ? [local] : [],
                Mtu = ProviderTunnelMtu,
            };
        var dns = settings.Egress.OverlayGateway is { } resolver
            ? settings.Egress.FallbackDns ?? resolver
            : ChooseDns(tunnel.PushedDns, settings.Egress.FallbackDns);
        return new PlanningInputs(
            OwnedNames.From(settings.Instance),
            [new ClientInterface(overlay.InterfaceName, overlay.Subnets, overlay.LocalAddresses) { Mtu = overlay.Mtu }],
            egress,
            settings.Overlay.AllowedLans,
            settings.Overlay.MasqueradeLans,
            dns)
        {
            Access = settings.Access is { } access ? AccessInputs.From(access) : null,
        };
    }

    /// <summary>
    /// The provider tunnel's MTU: OpenVPN's default tun-mtu, which providers' profiles keep. The encrypted packet is
    /// larger than the uplink then, and OpenVPN's own mssfix keeps TCP inside it from needing fragments.
    /// </summary>
    public const int ProviderTunnelMtu = 1500;

    /// <summary>The first IPv4 resolver the provider pushed, else the fallback, else none (no DNS redirect).</summary>
    public static IPAddress? ChooseDns(ImmutableArray<IPAddress> pushed, IPAddress? fallback)
    {
        // The redirect is `dnat ip to`: an IPv6 resolver cannot take IPv4 queries.
        var first = pushed.IsDefault ? null : pushed.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        return first ?? (fallback?.AddressFamily == AddressFamily.InterNetwork ? fallback : null);
    }

    public static DesiredState Plan(PlanningInputs inputs)
    {
        if (inputs.Clients.IsDefaultOrEmpty)
        {
            throw new ArgumentException("planning the host state: there is no client interface", nameof(inputs));
        }

        foreach (var name in inputs.Clients.Select(c => c.Name).Append(inputs.Egress.DeviceName))
        {
            CheckDeviceName(name);
        }

        if (inputs.Access is { } access)
        {
            CheckAccess(inputs, access);
        }

        return new DesiredState(
            inputs.Owned,
            PlanRules(inputs),
            PlanRoutes(inputs),
            PlanNft(inputs),
            PlanSysctls(inputs));
    }

    private static ImmutableArray<DesiredRule> PlanRules(PlanningInputs inputs)
    {
        var owned = inputs.Owned;
        var exceptionTargets = inputs.Clients.SelectMany(c => c.Subnets.OrEmpty())
            .Concat(inputs.AllowedLans.OrEmpty())
            .Distinct()
            .ToArray();
        // The access pool is no exception: it is routed in Causeway's table, where it is unreachable whenever a
        // server's device is missing, rather than in main, where it would fall through to the host's default route.
        var everyClient = AllClients(inputs);
        var rules = ImmutableArray.CreateBuilder<DesiredRule>();
        foreach (var family in Families.Both)
        {
            foreach (var client in everyClient)
            {
                foreach (var target in exceptionTargets.Where(t => Families.Of(t) == family))
                {
                    rules.Add(new DesiredRule(family, owned.ExceptionPriority, client.Name, target, RouteTables.Main));
                }
            }

            // IPv6 too: forwarded IPv6 is never wanted, and the unreachable IPv6 default refuses it at routing.
            foreach (var client in everyClient)
            {
                rules.Add(new DesiredRule(family, owned.CatchAllPriority, client.Name, null, owned.RouteTable));
            }

            // What this host itself sends from a tunnel or client address (a reply to something that reached it
            // through the tunnel, a reset, an echo reply) looks up Causeway's table like client traffic: into the
            // tunnel, or unreachable, never the main table's default out of the uplink.
            foreach (var source in GuardedSources(inputs).Where(a => a.AddressFamily == family))
            {
                var from = NetworkMath.Host(source);
                foreach (var target in exceptionTargets.Where(t => Families.Of(t) == family))
                {
                    rules.Add(new DesiredRule(family, owned.ExceptionPriority, null, target, RouteTables.Main, from));
                }

                rules.Add(new DesiredRule(family, owned.CatchAllPriority, null, null, owned.RouteTable, from));
            }
        }

        return rules.ToImmutable();
    }

    private static ImmutableArray<DesiredRoute> PlanRoutes(PlanningInputs inputs)
    {
        var routes = ImmutableArray.CreateBuilder<DesiredRoute>();
        foreach (var family in Families.Both)
        {
            routes.Add(new DesiredRoute(family, IpRoute.Unreachable, Families.Default(family), null, null, UnreachableMetric));
        }

        var egress = inputs.Egress;
        if (egress.Usable && egress.Gateway?.AddressFamily != AddressFamily.InterNetworkV6)
        {
            routes.Add(new DesiredRoute(
                AddressFamily.InterNetwork,
                IpRoute.Unicast,
                Families.Default(AddressFamily.InterNetwork),
                egress.DeviceName,
                egress.Gateway,
                EgressMetric,
                RequiresDevice: egress.DeviceName));
        }

        if (inputs.Access is { } access)
        {
            // The pool is unreachable beneath each server's share of it: while a server's device is missing, traffic
            // to its clients stops here instead of following the egress default (or, in main, the host's uplink).
            routes.Add(new DesiredRoute(Families.Of(access.Pool), IpRoute.Unreachable, access.Pool, null, null, UnreachableMetric));
            foreach (var device in access.Devices)
            {
                foreach (var subnet in device.Subnets.OrEmpty())
                {
                    routes.Add(new DesiredRoute(Families.Of(subnet), IpRoute.Unicast, subnet, device.Name, null, EgressMetric, RequiresDevice: device.Name));
                }
            }
        }

        return routes.ToImmutable();
    }

    private static ImmutableArray<DesiredSysctl> PlanSysctls(PlanningInputs inputs) =>
    [
        new DesiredSysctl(SysctlNames.RpFilter(inputs.Egress.DeviceName), LooseReversePathFilter, RequiresDevice: inputs.Egress.DeviceName),

        // Last: forwarding is switched on only once the nft table, the routes and the rules are in place.
        new DesiredSysctl(SysctlNames.IpForward, "1"),
    ];

    private static DesiredNftTable PlanNft(PlanningInputs inputs)
    {
        // "clients" are the overlay's interfaces (Uno's client interfaces); "all" adds the access servers' devices,
        // which share every rule that keeps client traffic closed and have their own accept rules. Without access
        // the two are the same and the table is Uno's.
        var access = inputs.Access;
        var accessDevices = access is null ? [] : access.Devices.Select(d => d.Name).Distinct().ToArray();
        var clients = inputs.Clients.Select(c => c.Name).Distinct().ToArray();
        var all = clients.Concat(accessDevices).Distinct().ToArray();
        var egress = inputs.Egress.DeviceName;
        var fromClients = NftSyntax.InterfaceMatch("iifname", clients);
        var toClients = NftSyntax.InterfaceMatch("oifname", clients);
        var fromAll = NftSyntax.InterfaceMatch("iifname", all);
        var toAll = NftSyntax.InterfaceMatch("oifname", all);
        var fromEgress = NftSyntax.InterfaceMatch("iifname", [egress]);
        var toEgress = NftSyntax.InterfaceMatch("oifname", [egress]);
        var lans = V4(inputs.AllowedLans.OrEmpty());
        var clientSubnets = V4(inputs.Clients.SelectMany(c => c.Subnets.OrEmpty()).Distinct());
        var accessSubnets = access is null ? [] : V4(access.Devices.SelectMany(d => d.Subnets.OrEmpty()).Distinct());
        var allSubnets = clientSubnets.Concat(accessSubnets).Distinct().ToArray();
        var locals = AllClients(inputs).SelectMany(c => c.LocalAddresses.OrEmpty())
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .Distinct()
            .ToArray();

        var forward = ImmutableArray.CreateBuilder<NftRuleDefinition>();
        forward.Add(new($"{fromAll} meta nfproto ipv6 counter drop", DropRuleComments[0]));
        // The MSS budget (MssBudget): the narrowest hop's MTU where one is known, else the route's, per packet.
        var budget = MssBudget.For(inputs).Mss is { } budgetMss
            ? $"tcp flags syn tcp option maxseg size > {budgetMss} tcp option maxseg size set {budgetMss}"
            : "tcp flags syn tcp option maxseg size set rt mtu";
        forward.Add(new($"{fromAll} {toEgress} {budget}", "clamp-mss-client-to-egress"));
        forward.Add(new($"{fromEgress} {toAll} {budget}", "clamp-mss-egress-to-client"));
        if (access is not null && !access.ClampedDevices.IsDefaultOrEmpty)
        {
            // OpenVPN over TCP: mssfix does nothing there, so the MSS is clamped here, both ways (the SYN's MSS tells
            // the other end how much to send). Only ever lowered: a smaller MSS stays as it is.
            var mss = access.ClampedMss.ToString(CultureInfo.InvariantCulture);
            var clamp = $"tcp flags syn tcp option maxseg size > {mss} tcp option maxseg size set {mss}";
            forward.Add(new($"{NftSyntax.InterfaceMatch("iifname", [.. access.ClampedDevices])} {clamp}", "clamp-mss-access-stream-in"));
            forward.Add(new($"{NftSyntax.InterfaceMatch("oifname", [.. access.ClampedDevices])} {clamp}", "clamp-mss-access-stream-out"));
        }

        var toEgressFrom = access is { ToEgress: true } ? all : clients;
        forward.Add(new($"{NftSyntax.InterfaceMatch("iifname", toEgressFrom)} {toEgress} accept", "accept-client-to-egress"));
        forward.Add(new($"{fromClients} {toClients} accept", "accept-client-to-client"));
        if (access is not null && accessDevices.Length > 0)
        {
            var fromAccess = NftSyntax.InterfaceMatch("iifname", accessDevices);
            var toAccess = NftSyntax.InterfaceMatch("oifname", accessDevices);
            if (access.ToClients)
            {
                forward.Add(new($"{fromClients} {toAccess} accept", "accept-client-to-access"));
                forward.Add(new($"{fromAccess} {toClients} accept", "accept-access-to-client"));
            }

            // Without it, access clients' packets to each other (through the host, also within one server, which
            // then runs without OpenVPN's own client-to-client) end in the leak counter below.
            if (access.AmongThemselves)
            {
                forward.Add(new($"{fromAccess} {toAccess} accept", "accept-access-to-access"));
            }
        }

        if (lans.Length > 0)
        {
            forward.Add(new($"{fromClients} {NftSyntax.NetworkMatch("ip daddr", lans)} accept", "accept-client-to-lan"));
        }

        forward.Add(new($"{fromEgress} {toAll} ct state established,related accept", "accept-egress-replies"));
        forward.Add(new($"{fromEgress} {toAll} counter drop", DropRuleComments[1]));

        // The leak counter: whatever else arrives from a client (e.g. bound for the host's uplink) ends here.
        forward.Add(new($"{fromAll} counter drop", LeakRuleComment));

        var input = PlanHostInput(inputs);
        var guard = PlanUplinkGuard(inputs, all, allSubnets, lans);

        var dns = ImmutableArray.CreateBuilder<NftRuleDefinition>();
        if (inputs.Dns is { } resolver && locals.Length > 0)
        {
            var toLocal = NftSyntax.AddressMatch("ip daddr", locals);
            dns.Add(new($"{fromAll} {toLocal} udp dport 53 dnat ip to {resolver}", "dnat-dns-udp"));
            dns.Add(new($"{fromAll} {toLocal} tcp dport 53 dnat ip to {resolver}", "dnat-dns-tcp"));
        }

        var nat = ImmutableArray.CreateBuilder<NftRuleDefinition>();

        // With an overlay gateway the egress device is the overlay's: only what arrives from other client devices
        // (the access pool) is masqueraded to this host's overlay address, so that the gateway needs no route back
        // to the pool and its own config stays as it is; overlay members passing through keep their addresses.
        var masqueraded = inputs.Egress.Gateway is null
            ? allSubnets
            : V4(AllClients(inputs).Where(c => c.Name != egress).SelectMany(c => c.Subnets.OrEmpty()).Distinct());
        if (masqueraded.Length > 0)
        {
            nat.Add(new($"{toEgress} {NftSyntax.NetworkMatch("ip saddr", masqueraded)} masquerade", "masquerade-client-to-egress"));
        }

        if (clientSubnets.Length > 0 && inputs.MasqueradeLans && lans.Length > 0)
        {
            nat.Add(new($"{NftSyntax.NetworkMatch("ip saddr", clientSubnets)} {NftSyntax.NetworkMatch("ip daddr", lans)} masquerade", "masquerade-client-to-lan"));
        }

        if (access is { ToClients: true, MasqueradeToClients: true } && accessSubnets.Length > 0)
        {
            // Overlay members need no route back to the pool for connections access clients open; connections the
            // overlay opens to access clients keep their addresses (that needs a route to the pool via this host).
            nat.Add(new($"{toClients} {NftSyntax.NetworkMatch("ip saddr", accessSubnets)} masquerade", "masquerade-access-to-client"));
        }

        var table = new NftTableDefinition(
            OwnedNames.NftFamily,
            inputs.Owned.NftTable,
            Comment: null,
            [
                new NftChainDefinition(ForwardChain, "filter", "forward", NftPriority.Filter, "accept", forward.ToImmutable()),
                new NftChainDefinition(DnsChain, "nat", "prerouting", NftPriority.DestinationNat, "accept", dns.ToImmutable()),
                new NftChainDefinition(NatChain, "nat", "postrouting", NftPriority.SourceNat, "accept", nat.ToImmutable()),
                new NftChainDefinition(HostInputChain, "filter", "input", NftPriority.Filter, "accept", input),
                new NftChainDefinition(UplinkGuardChain, "filter", "postrouting", NftPriority.AfterSourceNat, "accept", guard),
            ]);
        var fingerprint = NftFingerprint.Compute(table);
        table = table with { Comment = TableComment(inputs.Owned.InstanceName, fingerprint) };
        return new DesiredNftTable(table, NftRenderer.Render(table), fingerprint);
    }

    /// <summary>
    /// What arrives on the egress for this host itself is taken only as part of a flow the host started (the tunnel
    /// prober's echoes). Anything else (a late reply of a client flow whose conntrack entry a reconnect flushed, a
    /// probe from the provider's side) is dropped unanswered, so the host's stack never answers for client flows.
    /// Only for a point-to-point egress (a tunnel): a gateway on another network would be that network's business.
    /// </summary>
    private static ImmutableArray<NftRuleDefinition> PlanHostInput(PlanningInputs inputs)
    {
        if (inputs.Egress.Gateway is not null)
        {
            return [];
        }

        var fromEgress = NftSyntax.InterfaceMatch("iifname", [inputs.Egress.DeviceName]);
        return
        [
            new($"{fromEgress} ct state established,related accept", "accept-egress-to-host-replies"),
            new($"{fromEgress} counter drop", GuardRuleComments[0]),
        ];
    }

    /// <summary>
    /// The last word on every packet leaving this host, after source NAT (so an ICMP error the host generated for a
    /// client flow already carries the tunnel address NAT gave it): only the egress, the client interfaces, loopback
    /// and the allowed LANs may see a tunnel or client source, or anything that belongs to a client flow. Everything
    /// else (the uplink, above all) gets only the host's own traffic: OpenVPN's transport, the overlay's, the access
    /// servers' packets to their clients.
    /// </summary>
    private static ImmutableArray<NftRuleDefinition> PlanUplinkGuard(PlanningInputs inputs, string[] clientDevices, IPNetwork[] clientSubnetsV4, IPNetwork[] lans)
    {
        var inside = new[] { "lo", inputs.Egress.DeviceName }.Concat(clientDevices).Distinct().ToArray();
        var subnets = AllClients(inputs).SelectMany(c => c.Subnets.OrEmpty())
            .Concat(inputs.Access is { } access ? [access.Pool] : [])
            .Distinct()
            .ToArray();
        var subnetsV6 = Families.WithoutCovered(subnets.Where(n => Families.Of(n) == AddressFamily.InterNetworkV6));
        var subnetsV4 = Families.WithoutCovered(clientSubnetsV4.Concat(subnets.Where(n => Families.Of(n) == AddressFamily.InterNetwork)));
        var sourcesV4 = Families.WithoutCovered(subnetsV4.Concat(HostNetworks(GuardedSources(inputs), AddressFamily.InterNetwork)));
        var sourcesV6 = Families.WithoutCovered(subnetsV6.Concat(HostNetworks(GuardedSources(inputs), AddressFamily.InterNetworkV6)));

        var guard = ImmutableArray.CreateBuilder<NftRuleDefinition>();
        guard.Add(new($"{NftSyntax.InterfaceMatch("oifname", inside)} accept", "accept-inside"));
        if (lans.Length > 0)
        {
            guard.Add(new($"{NftSyntax.NetworkMatch("ip daddr", lans)} accept", "accept-to-lan"));
        }

        if (sourcesV4.Length > 0)
        {
            guard.Add(new($"{NftSyntax.NetworkMatch("ip saddr", sourcesV4)} counter drop", GuardRuleComments[1]));
        }

        if (sourcesV6.Length > 0)
        {
            guard.Add(new($"{NftSyntax.NetworkMatch("ip6 saddr", sourcesV6)} counter drop", GuardRuleComments[2]));
        }

        // By conntrack: whatever belongs to a client flow (its packets, the ICMP errors about them) whatever its
        // addresses now, e.g. a "time exceeded" the host sent for a reply that arrived through the tunnel with TTL 1.
        if (subnetsV4.Length > 0)
        {
            guard.Add(new($"{NftSyntax.NetworkMatch("ct original ip saddr", subnetsV4)} counter drop", GuardRuleComments[3]));
        }

        if (subnetsV6.Length > 0)
        {
            guard.Add(new($"{NftSyntax.NetworkMatch("ct original ip6 saddr", subnetsV6)} counter drop", GuardRuleComments[4]));
        }

        return guard.ToImmutable();
    }

    /// <summary>This host's own tunnel and client addresses: the egress's, the overlay's, the access servers'.</summary>
    private static IPAddress[] GuardedSources(PlanningInputs inputs) =>
    [
        .. inputs.Egress.LocalAddresses.OrEmpty()
            .Concat(inputs.Clients.SelectMany(c => c.LocalAddresses.OrEmpty()))
            .Concat(inputs.Access is { } access ? access.ServerAddresses.OrEmpty() : [])
            .Distinct(),
    ];

    private static IEnumerable<IPNetwork> HostNetworks(IEnumerable<IPAddress> addresses, AddressFamily family) =>
        addresses.Where(a => a.AddressFamily == family).Select(NetworkMath.Host);

    /// <summary>The table's comment: whose it is, and the fingerprint of what it should hold.</summary>
    public static string TableComment(string instanceName, string fingerprint) =>
        $"causeway instance={instanceName} fingerprint={fingerprint}";

    /// <summary>Every interface whose arriving traffic is client traffic: the overlay's, then the access servers'.</summary>
    private static ImmutableArray<ClientInterface> AllClients(PlanningInputs inputs) =>
        inputs.Access is { } access ? inputs.Clients.AddRange(access.Devices.OrEmpty()) : inputs.Clients;

    private static void CheckAccess(PlanningInputs inputs, AccessInputs access)
    {
        if (Families.Of(access.Pool) != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"planning the host state: the access pool {access.Pool} is not IPv4", nameof(inputs));
        }

        var taken = inputs.Clients.Select(c => c.Name).Append(inputs.Egress.DeviceName).ToHashSet(StringComparer.Ordinal);
        foreach (var device in access.Devices.OrEmpty())
        {
            CheckDeviceName(device.Name);
            if (!taken.Add(device.Name))
            {
                throw new ArgumentException(
                    $"planning the host state: the access device \"{device.Name}\" is also the overlay's, the egress's or another server's", nameof(inputs));
            }

            if (device.Subnets.OrEmpty().Any(s => !access.Pool.Contains(s.BaseAddress) || s.PrefixLength < access.Pool.PrefixLength))
            {
                throw new ArgumentException($"planning the host state: \"{device.Name}\" has a subnet outside the access pool {access.Pool}", nameof(inputs));
            }
        }
    }

    private static IPNetwork[] V4(IEnumerable<IPNetwork> networks) =>
        [.. networks.Where(n => Families.Of(n) == AddressFamily.InterNetwork)];

    private static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> array) => array.IsDefault ? [] : array;

    /// <summary>Linux device names: 1 to 15 characters, no '/', ':', whitespace; we also refuse quotes.</summary>
    private static void CheckDeviceName(string name)
    {
        if (name.Length is 0 or > 15 || name.Any(c => c is '/' or ':' or '"' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"planning the host state: \"{name}\" is not a usable interface name (1-15 characters, no '/', ':', quotes or spaces)");
        }
    }
}
