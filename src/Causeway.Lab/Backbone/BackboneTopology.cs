using System.Net;

namespace Causeway.Lab.Backbone;

/// <summary>
/// The backbone every world shares (docs/architecture.md, "The lab"): the internet router and its services, the
/// provider and its OpenVPN server, the addresses of the gateway's uplink (each world names its own devices), the
/// overlay with the laptop on it, and the names Causeway owns on the gateway. A world adds its gateway node and
/// whatever else it needs (Uno: the sbc; Duo: the VM, a café and phones). Documentation ranges only (RFC 5737,
/// RFC 3849) plus the overlay's private ranges, so nothing here can be mistaken for the real internet.
/// </summary>
public static class BackboneTopology
{
    // Nodes every world has (namespace = prefix + node); the gateway node is the world's own.
    public const string Internet = "inet";
    public const string Provider = "prov";
    public const string Laptop = "laptop";

    // internet <-> provider
    public const string InternetToProvider = "i-prov";
    public const string ProviderUplink = "p-inet";
    public static readonly IPAddress InternetProviderSide = IPAddress.Parse("198.51.100.1");
    public static readonly IPAddress ProviderAddress = IPAddress.Parse("198.51.100.2");
    public const int ProviderPrefixLength = 24;

    // internet <-> gateway: the addresses of the gateway's uplink (the world names the veth: i-sbc/s-up, i-vm/v-up),
    // and of its far end, where leaks are counted.
    public static readonly IPAddress InternetGatewaySide = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress GatewayAddress = IPAddress.Parse("192.0.2.2");
    public const int GatewayPrefixLength = 24;
    public static readonly IPAddress InternetGatewaySide6 = IPAddress.Parse("2001:db8:2::1");
    public static readonly IPAddress GatewayAddress6 = IPAddress.Parse("2001:db8:2::2");
    public const int GatewayPrefixLength6 = 64;

    /// <summary>A gateway's uplink on the backbone's gateway addresses, with the world's device names.</summary>
    public static GatewayUplink Uplink(string node, string device, string internetSide) =>
        new(node, device, internetSide, GatewayAddress, InternetGatewaySide, GatewayPrefixLength, GatewayAddress6, InternetGatewaySide6, GatewayPrefixLength6);

    // Internet services, on the router's loopback.
    public static readonly IPAddress EchoAddress = IPAddress.Parse("203.0.113.80");
    public static readonly IPAddress EchoAddress6 = IPAddress.Parse("2001:db8:80::80");
    public static readonly IPAddress InternetDnsAddress = IPAddress.Parse("203.0.113.53");
    public const int EchoPort = 7;

    /// <summary>
    /// The internet destinations clients talk to (the echo service, the internet's DNS): a packet bound for one of
    /// them on the gateway's uplink is a leak (docs/architecture.md, "What counts as a leak"), so the host's own test
    /// traffic never goes there.
    /// </summary>
    public static readonly IReadOnlyList<IPAddress> ClientDestinations = [EchoAddress, InternetDnsAddress];

    public static readonly IReadOnlyList<IPAddress> ClientDestinations6 = [EchoAddress6];

    /// <summary>
    /// The host's own echo service (the same service, on addresses of its own): where the gateway's own test traffic
    /// goes. No client ever talks to it, so the leak detector can tell the host's traffic from a client's by
    /// destination alone, as it must for what leaves NATed to the uplink address.
    /// </summary>
    public static readonly IPAddress HostEchoAddress = IPAddress.Parse("203.0.113.81");

    public static readonly IPAddress HostEchoAddress6 = IPAddress.Parse("2001:db8:81::81");

    /// <summary>
    /// Every destination of the host's own test traffic: the router's end of the uplink (the canary, the benchmark's
    /// raw path) and the host's echo service. The leak detector excuses the gateway's packets to these, and nothing else.
    /// </summary>
    public static readonly IReadOnlyList<IPAddress> HostOnlyDestinations = [InternetGatewaySide, HostEchoAddress];

    public static readonly IReadOnlyList<IPAddress> HostOnlyDestinations6 = [InternetGatewaySide6, HostEchoAddress6];

    /// <summary>The discard port on the router: where the gateway's canary goes (nothing answers, it is only counted).</summary>
    public const int CanaryPort = 9;

    // The provider's OpenVPN server.
    public const int OpenVpnPort = 1194;
    public const string ProviderTunnelDevice = "tunprov";
    public const string ProviderTunnelNetwork = "10.8.0.0";
    public const string ProviderTunnelNetmask = "255.255.255.0";
    public const string ProviderTunnelCidr = "10.8.0.0/24";
    public static readonly IPAddress ProviderDnsAddress = IPAddress.Parse("10.8.0.1");

    // Packets put into the tunnel from the provider's side (the `tunnel-injection-no-leak` check): from the echo
    // service's address (the internet router routes the provider's tunnel network via the provider), to the
    // gateway's tunnel address.

    /// <summary>Ports nothing listens on at the gateway's tunnel address.</summary>
    public static readonly IReadOnlyList<int> InjectionClosedPorts = [9, 33434];

    /// <summary>
    /// The TTL the internet router gives a reply it puts into a live client flow: the provider's forwarding into its
    /// tun takes one, so it reaches the gateway with TTL 1 and the gateway, forwarding it, must answer "time exceeded".
    /// </summary>
    public const int InjectionTtl = 2;

    /// <summary>The client's source port for the flow the injection replies into (so that its conntrack entry is found).</summary>
    public const int ClientFlowPort = 47007;

    // The overlay: a veth pair named like the real ZeroTier device on both ends.
    public const string ZeroTierNetworkId = "2f5042fc3b08bd2e";
    public const string OverlayDevice = "zt2nvuuqiv";
    public static readonly IPAddress GatewayOverlayAddress = IPAddress.Parse("10.222.0.1");
    public static readonly IPAddress LaptopOverlayAddress = IPAddress.Parse("10.222.0.192");
    public const int OverlayPrefixLength = 24;
    public const string OverlayCidr = "10.222.0.0/24";
    public const string OverlayCidr6 = "fdcc:ca5e::/64";
    public static readonly IPAddress GatewayOverlayAddress6 = IPAddress.Parse("fdcc:ca5e::1");
    public static readonly IPAddress LaptopOverlayAddress6 = IPAddress.Parse("fdcc:ca5e::c0");
    public const int OverlayPrefixLength6 = 64;
    public const int ZeroTierApiPort = 9993;

    // DNS: one lab name, answered differently by the internet's and the provider's servers.
    public const string LabDnsName = "whoami.causeway.lab";
    public const string InternetDnsTxt = "served-by=internet";
    public const string ProviderDnsTxt = "served-by=provider";

    // The gateway's `causeway up`: every owned name non-default, to prove they are configurable.
    public const string GatewayTunnelDevice = "tunlab0";
    public const string GatewayNftTable = "cwlab";
    public const int GatewayRouteTable = 7370;
    public const int GatewayRulePriority = 7370;

    // What the lab seeds on the gateway before `up`: Causeway must leave all of it alone (with a sysctl of the
    // world's uplink, which the world names).
    public const string ForeignNftTable = "foreignlab";
    public const int ForeignRulePriority = 6000;
    public const int ForeignRouteTable = 6000;
    public const string ForeignRouteDestination = "198.18.0.0/15";
    public const string ForeignSysctlValue = "2";

    // Counters.
    public const string LeakTable = "cwlableak";
    public const string LaptopProbeTable = "cwlabprobes";
    public const string ProviderNatTable = "cwlabnat";

    /// <summary>In the gateway, only during `tunnel-injection-no-leak`: what arrived from the injection, and what its stack answered.</summary>
    public const string InjectionTable = "cwlabinject";
}
