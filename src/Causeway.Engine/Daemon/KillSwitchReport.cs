using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>The two fail-closed layers as last observed, and what the nft layer has dropped since this `up` started.</summary>
/// <param name="DroppedPackets">Forwarded client packets dropped (the forward chain's drop counters).</param>
/// <param name="HostStackDroppedPackets">
/// Packets of this host's own stack dropped for client flows: arrivals on the tunnel with no conntrack state, and
/// anything sourced from a tunnel or client address (or of a client flow) that would have left by another interface.
/// </param>
public sealed record KillSwitchReport(bool RouteLayer, bool NftLayer, long DroppedPackets, long HostStackDroppedPackets = 0)
{
    /// <summary>Each drop rule by name (<see cref="DropCounters"/>); empty from a daemon older than them.</summary>
    public ImmutableArray<DropCounterReport> Drops { get; init; } = [];
}
