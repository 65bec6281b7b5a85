using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>The overlay interface whose members' traffic is forwarded.</summary>
public sealed record OverlayStatusReport(
    string Interface,
    ImmutableArray<string> Subnets,
    ImmutableArray<string> Addresses,
    ZeroTierStatusReport? ZeroTier);
