using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Netlink;

/// <summary>One entry of the neighbour table, as `ip -json neigh show` shows it.</summary>
/// <param name="LinkLayerAddress">The MAC ("2e:5e:ef:20:b7:c4"); null while unresolved (INCOMPLETE, FAILED).</param>
/// <param name="States">e.g. "REACHABLE", "STALE", "INCOMPLETE", "PERMANENT".</param>
public sealed record IpNeighbour(IPAddress Destination, string? LinkLayerAddress, ImmutableArray<string> States);
