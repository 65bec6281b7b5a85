using System.Collections.Immutable;

namespace Causeway.Lab.ZeroTier;

/// <summary>A peer /peer lists.</summary>
public sealed record ZeroTierStandInPeer
{
    public required string Address { get; init; }

    /// <summary>LEAF, MOON or PLANET.</summary>
    public string Role { get; init; } = "LEAF";

    public int Latency { get; init; } = 1;

    /// <summary>`ip/port` of its direct paths; empty = relayed only.</summary>
    public ImmutableArray<string> Paths { get; init; } = [];

    public string Version { get; init; } = "1.14.1";
}
