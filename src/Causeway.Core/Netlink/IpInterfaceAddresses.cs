using System.Collections.Immutable;

namespace Causeway.Core.Netlink;

/// <summary>An interface and its addresses, as `ip -json addr show` shows them.</summary>
public sealed record IpInterfaceAddresses(
    int Index,
    string Name,
    ImmutableArray<string> Flags,
    ImmutableArray<IpInterfaceAddress> Addresses)
{
    /// <summary>The interface's MTU; null when ip did not say.</summary>
    public int? Mtu { get; init; }
}
