using System.Diagnostics.CodeAnalysis;
using Causeway.Core.Model;

namespace Causeway.Core.ZeroTier;

/// <summary>Either the overlay a network gives (<see cref="Facts"/>) or why it gives none (<see cref="Problem"/>).</summary>
public sealed record ZeroTierNetworkInterpretation
{
    private ZeroTierNetworkInterpretation(OverlayFacts? facts, ZeroTierNetworkProblem? problem)
    {
        Facts = facts;
        Problem = problem;
    }

    public OverlayFacts? Facts { get; }

    public ZeroTierNetworkProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Facts))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsUsable => Facts is not null;

    public static ZeroTierNetworkInterpretation Usable(OverlayFacts facts) => new(facts, null);

    public static ZeroTierNetworkInterpretation Unusable(ZeroTierNetworkProblem problem) => new(null, problem);
}
