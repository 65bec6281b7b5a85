using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>The overlay interface whose members' traffic is forwarded, as the daemon last read it.</summary>
/// <param name="ZeroTier">The ZeroTier network as last read (its status is the last one zerotier-one reported).</param>
/// <param name="LastContact">When the overlay was last read successfully (the ZeroTier API answered, or the interface was read).</param>
/// <param name="Stale">That read is older than two polls: what is shown may no longer hold.</param>
/// <param name="Problem">Why the last reads failed, with since when (e.g. "ZeroTier API unreachable since 14:02:11: …"); null when the last read worked.</param>
/// <param name="ProblemSince">When the reads began failing that way.</param>
public sealed record OverlayStatusReport(
    string Interface,
    ImmutableArray<string> Subnets,
    ImmutableArray<string> Addresses,
    ZeroTierStatusReport? ZeroTier,
    DateTimeOffset? LastContact = null,
    bool Stale = false,
    string? Problem = null,
    DateTimeOffset? ProblemSince = null);
