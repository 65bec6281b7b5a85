using System.Collections.Immutable;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>The network configuration a member last got from its controller (what its local API shows).</summary>
internal sealed record DeliveredNetworkConfig(
    string Status,
    string Name,
    bool Private,
    int Mtu,
    bool BroadcastEnabled,
    bool Bridge,
    long Revision,
    ImmutableArray<ZeroTierNetworkRoute> Routes,
    ImmutableArray<string> AssignedAddresses,
    ZeroTierNetworkDns Dns)
{
    /// <summary>Before the first answer: no name, no routes, no addresses, broadcast off (as the join capture shows).</summary>
    public static DeliveredNetworkConfig Unconfigured(string status) =>
        new(status, "", true, 2800, false, false, 0, [], [], new ZeroTierNetworkDns());
}
