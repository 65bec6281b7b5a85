using System.Collections.Immutable;

namespace Causeway.Core.Netlink;

/// <summary>One network interface, as `ip -json link show` shows it.</summary>
/// <param name="Flags">e.g. "UP", "LOWER_UP", "NO-CARRIER", "POINTOPOINT".</param>
/// <param name="OperationalState">"UP", "DOWN", "UNKNOWN"...</param>
/// <param name="LinkType">"ether", "none" (tun), "loopback"...</param>
public sealed record IpLink(
    int Index,
    string Name,
    ImmutableArray<string> Flags,
    int Mtu,
    string? OperationalState,
    string? LinkType)
{
    /// <summary>The kind of device (linkinfo.info_kind: "tun" for tun and tap, "veth", "vxlan" …), printed only by `ip -details`.</summary>
    public string? Kind { get; init; }

    /// <summary>Administratively up (`ip link set X up`), whatever the carrier.</summary>
    public bool IsUp => Flags.Contains("UP");
}
