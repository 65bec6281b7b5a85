using System.Collections.Immutable;
using Causeway.Core.Planning;

namespace Causeway.Core.Boot;

/// <summary>What <see cref="SavedKillSwitchCodec.Read"/> made of a saved kill switch: the inputs, or every problem with it.</summary>
public sealed record SavedKillSwitchRead(PlanningInputs? Inputs, ImmutableArray<string> Problems)
{
    public bool Succeeded => Inputs is not null && Problems.IsEmpty;
}
