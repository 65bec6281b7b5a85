using System.Net;
using Causeway.Lab.Backbone;
using Causeway.Lab.Duo;
using Causeway.Lab.Uno;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// The Dinosaur world (docs/architecture.md, "The lab"): Uno and Duo in one. The backbone's internet and provider;
/// the home sbc in Uno's role (the provider tunnel, the backbone's gateway addresses, its uplink one underlay hop
/// below 1500); the cloud VM in Duo's role but with its egress through the sbc over the overlay (no provider tunnel
/// of its own), on an uplink of its own; the laptop on the overlay with its default route via the sbc; the café that
/// drops all UDP with a phone behind it, and a phone on an open network. The overlay really crosses the lab internet:
/// a vxlan on UDP 9993 between the members' uplink addresses, named like the ZeroTier device.
/// </summary>
public static class DinosaurTopology
{
    // Nodes (namespace = prefix + node). inet, prov and laptop are the backbone's; sbc is Uno's, vm and the café's Duo's.
    public const string Sbc = UnoTopology.Gateway;
    public const string Vm = DuoTopology.Vm;
    public const string Laptop = BackboneTopology.Laptop;

    public static readonly IReadOnlyList<string> Nodes =
        [BackboneTopology.Internet, BackboneTopology.Provider, Sbc, Vm, Laptop, DuoTopology.Cafe, DuoTopology.PhoneCafe, DuoTopology.PhoneOpen];

    /// <summary>The phones, both connected to the VM for the whole run: the café's over TCP 443, the open network's over UDP.</summary>
    public static readonly IReadOnlyList<string> Phones = DuoTopology.Phones;

    // internet <-> sbc: Uno's link and the backbone's gateway addresses, its MTU below 1500 at both ends.
    public static readonly GatewayUplink SbcUplink = UnoTopology.Uplink;

    /// <summary>The sbc's home uplink (both ends of i-sbc/s-up): the one underlay hop below 1500.</summary>
    public const int SbcUplinkMtu = 1400;

    // internet <-> VM: Duo's device names on a subnet of its own (none of Duo's phone /29s, nor the services' /32s).
    public static readonly GatewayUplink VmUplink = new(
        Vm, DuoTopology.VmUplink, DuoTopology.InternetToVm,
        IPAddress.Parse("203.0.113.98"), IPAddress.Parse("203.0.113.97"), 29,
        IPAddress.Parse("2001:db8:96::2"), IPAddress.Parse("2001:db8:96::1"), 64);

    /// <summary>What the phones' profiles connect to: the VM's uplink address.</summary>
    public static IPAddress VmPublicAddress => VmUplink.Address;

    // internet <-> laptop: the laptop's own uplink, which its overlay crosses (it does not run Causeway: no leak counters).
    public const string InternetToLaptop = "i-lap";
    public const string LaptopUplink = "l-up";
    public static readonly IPAddress InternetLaptopSide = IPAddress.Parse("203.0.113.113");
    public static readonly IPAddress LaptopAddress = IPAddress.Parse("203.0.113.114");
    public const int LaptopPrefixLength = 29;

    /// <summary>The sysctls of the two hosts' uplinks that the lab seeds and Causeway must leave alone.</summary>
    public const string SbcForeignSysctl = UnoTopology.ForeignSysctl;

    public const string VmForeignSysctl = DuoTopology.ForeignSysctl;

    // The overlay: a vxlan named like the ZeroTier device, over UDP 9993 (ZeroTier's port), between the uplink
    // addresses of its members, by unicast head-end replication (a static all-zeros FDB entry per other member).
    public const int OverlayPort = 9993;

    /// <summary>The vxlan's VNI: the first 24 bits of the ZeroTier network id (2f5042fc3b08bd2e).</summary>
    public const int OverlayVni = 0x2f5042;

    /// <summary>The overlay device's MTU on every member, and the network's MTU in the ZeroTier stand-ins: the sbc's uplink less vxlan's 50 bytes.</summary>
    public const int OverlayMtu = SbcUplinkMtu - 50;

    /// <summary>The largest ICMP echo payload that crosses the overlay with don't-fragment set (20 bytes IP, 8 ICMP).</summary>
    public const int LargestUnfragmentedPing = OverlayMtu - 28;

    public static readonly IPAddress SbcOverlayAddress = BackboneTopology.GatewayOverlayAddress;

    /// <summary>The sbc's read-only status listener on its overlay address, which the VM reads the sbc's own hops from.</summary>
    public const int SbcStatusPort = 9477;
    public static readonly IPAddress SbcOverlayAddress6 = BackboneTopology.GatewayOverlayAddress6;
    public static readonly IPAddress VmOverlayAddress = IPAddress.Parse("10.222.0.2");
    public static readonly IPAddress VmOverlayAddress6 = IPAddress.Parse("fdcc:ca5e::2");

    /// <summary>Each overlay member: its node, its uplink address (where its vxlan listens), its uplink device.</summary>
    public static readonly IReadOnlyList<(string Node, IPAddress Underlay, string Device)> OverlayMembers =
    [
        (Sbc, SbcUplink.Address, SbcUplink.Device),
        (Vm, VmUplink.Address, VmUplink.Device),
        (Laptop, LaptopAddress, LaptopUplink),
    ];

    // The members' ZeroTier node addresses (the sbc and the laptop as in Uno's scenario).
    public const string SbcZeroTierAddress = ZeroTier.ZeroTierStandInScenario.CapturedGatewayAddress;
    public const string VmZeroTierAddress = "d1705a0e42";
    public const string LaptopZeroTierAddress = ZeroTier.ZeroTierStandInScenario.CapturedDeviceAddress;

    // The internet router drops (and counts) ICMP "fragmentation needed": a wrong MSS budget black-holes.
    public const string MtuTable = "cwlabmtu";
    public const string FragNeededDropped = "frag-needed-dropped";

    /// <summary>The client names `lab up` adds on the VM (one per phone).</summary>
    public static string ClientName(string phone) => DuoTopology.ClientName(phone);
}
