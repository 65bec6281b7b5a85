using Causeway.Core.Model;

namespace Causeway.Core.Planning;

/// <summary>
/// The names by which Causeway recognises what it owns on the host, and nothing else: one nft table, one
/// route table, two rule priorities. Recorded in the state file, so that `down` removes what `up` added even
/// after the config has changed.
/// </summary>
public sealed record OwnedNames(string InstanceName, string NftTable, int RouteTable, int RulePriority)
{
    /// <summary>Causeway's table is always `table inet NAME`: one table for IPv4 and IPv6.</summary>
    public const string NftFamily = "inet";

    /// <summary>`iif CLIENT to NETWORK lookup main`: overlay-to-overlay and listed LANs.</summary>
    public int ExceptionPriority => RulePriority + RulePriorities.ExceptionOffset;

    /// <summary>`iif CLIENT lookup ROUTE_TABLE`: everything else from the clients.</summary>
    public int CatchAllPriority => RulePriority + RulePriorities.CatchAllOffset;

    public static OwnedNames From(InstanceSettings instance) =>
        new(instance.Name, instance.NftTable, instance.RouteTable, instance.RulePriority);

    public bool IsOurPriority(long priority) => priority == ExceptionPriority || priority == CatchAllPriority;

    public override string ToString() =>
        $"instance {InstanceName}: table {NftFamily} {NftTable}, route table {RouteTable}, rule priorities {ExceptionPriority}/{CatchAllPriority}";
}
