using Causeway.Lab.Backbone;

namespace Causeway.Lab.Uno;

/// <summary>
/// The Uno world (docs/architecture.md, "The lab"): the backbone (<see cref="BackboneTopology"/>) with a home
/// gateway, the sbc, on its uplink and the laptop behind it on the overlay.
/// </summary>
public static class UnoTopology
{
    public const string Gateway = "sbc";

    public static readonly IReadOnlyList<string> Nodes =
        [BackboneTopology.Internet, BackboneTopology.Provider, Gateway, BackboneTopology.Laptop];

    // internet <-> sbc: the gateway's uplink (the backbone's addresses), and the far end where leaks are counted.
    public const string InternetToGateway = "i-sbc";
    public const string GatewayUplink = "s-up";

    public static readonly GatewayUplink Uplink = BackboneTopology.Uplink(Gateway, GatewayUplink, InternetToGateway);

    /// <summary>A sysctl of the sbc's uplink that the lab seeds and Causeway must leave alone.</summary>
    public const string ForeignSysctl = "net.ipv4.conf.s-up.arp_announce";
}
