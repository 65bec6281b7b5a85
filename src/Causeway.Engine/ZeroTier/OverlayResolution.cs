using Causeway.Core.Model;
using Causeway.Core.ZeroTier;

namespace Causeway.Engine.ZeroTier;

/// <summary>The overlay as resolved now.</summary>
/// <param name="Facts">Interface, subnets and local addresses: what the planner needs.</param>
/// <param name="ZeroTier">For `causeway status` when the overlay is a ZeroTier network; null for a plain interface.</param>
public sealed record OverlayResolution(OverlayFacts Facts, ZeroTierNetworkSummary? ZeroTier);
