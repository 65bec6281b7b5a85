using System.Net;
using Causeway.Lab.Backbone;

namespace Causeway.Lab.Duo;

/// <summary>
/// The Duo world (docs/architecture.md, "The lab"): the backbone's internet, provider and overlay (<see cref="BackboneTopology"/>,
/// same addresses), with a cloud VM in the gateway's place, running `causeway up` with [access], and three phones
/// that reach it over the internet: one behind a café router that drops all UDP, one on an open network, and one
/// that gets lost (revoked). Documentation ranges only (RFC 5737), plus private ranges behind the café's NAT.
/// </summary>
public static class DuoTopology
{
    // Nodes (namespace = prefix + node). inet, prov and laptop are the backbone's.
    public const string Vm = "vm";
    public const string Cafe = "cafe";
    public const string PhoneCafe = "phone-cafe";
    public const string PhoneOpen = "phone-open";
    public const string PhoneLost = "phone-lost";

    public static readonly IReadOnlyList<string> Nodes =
        [BackboneTopology.Internet, BackboneTopology.Provider, Vm, BackboneTopology.Laptop, Cafe, PhoneCafe, PhoneOpen, PhoneLost];

    /// <summary>The phones that stay connected for the whole run (the lost one is connected and revoked by the checks).</summary>
    public static readonly IReadOnlyList<string> Phones = [PhoneCafe, PhoneOpen];

    // internet <-> VM: the VM's uplink (the backbone's gateway addresses), and the far end where leaks are counted.
    public const string InternetToVm = "i-vm";
    public const string VmUplink = "v-up";

    public static readonly GatewayUplink Uplink = BackboneTopology.Uplink(Vm, VmUplink, InternetToVm);

    /// <summary>A sysctl of the VM's uplink that the lab seeds and Causeway must leave alone.</summary>
    public const string ForeignSysctl = "net.ipv4.conf.v-up.arp_announce";

    // internet <-> café: the café's router NATs its Wi-Fi and drops every UDP packet it would forward.
    public const string InternetToCafe = "i-cafe";
    public const string CafeUplink = "c-wan";
    public static readonly IPAddress InternetCafeSide = IPAddress.Parse("203.0.113.17");
    public static readonly IPAddress CafeAddress = IPAddress.Parse("203.0.113.18");
    public const string CafeLan = "c-lan";
    public static readonly IPAddress CafeLanAddress = IPAddress.Parse("192.168.77.1");
    public static readonly IPAddress PhoneCafeAddress = IPAddress.Parse("192.168.77.2");
    public const int CafeLanPrefixLength = 24;
    public const string CafeTable = "cwlabcafe";

    /// <summary>The café router's counter of the UDP packets it dropped.</summary>
    public const string UdpDropped = "udp-dropped";

    // internet <-> the open network's phone, and <-> the phone that will be lost.
    public const string InternetToPhoneOpen = "i-open";
    public static readonly IPAddress InternetPhoneOpenSide = IPAddress.Parse("203.0.113.33");
    public static readonly IPAddress PhoneOpenAddress = IPAddress.Parse("203.0.113.34");
    public const string InternetToPhoneLost = "i-lost";
    public static readonly IPAddress InternetPhoneLostSide = IPAddress.Parse("203.0.113.41");
    public static readonly IPAddress PhoneLostAddress = IPAddress.Parse("203.0.113.42");
    public const int PhoneNetworkPrefixLength = 29;

    /// <summary>Every phone's link to its network.</summary>
    public const string PhoneLink = "wlan0";

    // The access servers on the VM (the config's [access]): UDP 1194 and TCP 443 (defaults), the default pool, and
    // the lab's own device names (non-default, to prove they are configurable).
    public static IPAddress PublicAddress => BackboneTopology.GatewayAddress;
    public const int AccessUdpPort = 1194;
    public const int AccessTcpPort = 443;
    public const string AccessPool = "10.9.0.0/24";
    public const string AccessUdpDevice = "tunlab-udp";
    public const string AccessTcpDevice = "tunlab-tcp";

    /// <summary>The servers' own addresses in their halves of the pool (what `server` takes), also the pushed DNS.</summary>
    public static readonly IPAddress AccessUdpServerAddress = IPAddress.Parse("10.9.0.1");
    public static readonly IPAddress AccessTcpServerAddress = IPAddress.Parse("10.9.0.129");

    /// <summary>The phones' own echo service, on every address (the tunnel's is handed out by the server).</summary>
    public const int PhoneEchoPort = BackboneTopology.EchoPort;

    // Counters in the phones (the packets they sent into their tunnels, and towards the VM).
    public const string PhoneProbeTable = "cwlabphone";
    public const string ProbesIntoTunnel = "probes-into-tunnel";
    public const string ToAccessUdp = "to-access-udp";
    public const string ToAccessTcp = "to-access-tcp";

    // Evidence in the leak counters on i-vm.
    public const string AccessTransport = Leaks.LeakCounterRuleset.AccessTransport;
    public const string AccessTransportIcmp = Leaks.LeakCounterRuleset.AccessTransportIcmp;
    public const string LeakFromAccess = Leaks.LeakCounterRuleset.LeakFromAccess;

    /// <summary>The client names `lab up` adds (one per phone that stays connected).</summary>
    public static string ClientName(string phone) => phone;
}
