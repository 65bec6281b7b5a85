using System.Collections.Immutable;

namespace Causeway.Core.ZeroTier;

/// <summary>What `causeway status` shows about the ZeroTier side of the overlay.</summary>
/// <param name="NetworkId">16 hex digits.</param>
/// <param name="Name">The network's name on the controller.</param>
/// <param name="Status">The network status as the daemon wrote it (OK once resolved).</param>
/// <param name="NodeAddress">This node's ZeroTier address (what to authorize on the controller).</param>
/// <param name="InterfaceName">The zt interface.</param>
/// <param name="AssignedAddresses">As the daemon lists them (`address/prefix`).</param>
/// <param name="Online">The node reaches a root.</param>
/// <param name="TcpFallbackActive">UDP is blocked and ZeroTier uses its (slow) TCP relay.</param>
/// <param name="Version">zerotier-one's version.</param>
/// <param name="DefaultRoute">Whether clients are routed to this gateway, and what to set if not.</param>
public sealed record ZeroTierNetworkSummary(
    string NetworkId,
    string Name,
    string Status,
    string NodeAddress,
    string InterfaceName,
    ImmutableArray<string> AssignedAddresses,
    bool Online,
    bool TcpFallbackActive,
    string Version,
    DefaultRouteAdvice DefaultRoute)
{
    /// <summary>
    /// This node accepts the network's default route (allowDefault=1): ZeroTier then moves this host's own default
    /// route onto the overlay. A gateway never needs it, and a host whose egress is a gateway on the overlay must not
    /// have it (its own traffic would follow its clients').
    /// </summary>
    public bool AllowDefault { get; init; }
}
