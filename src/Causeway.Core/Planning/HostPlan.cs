using System.Collections.Immutable;

namespace Causeway.Core.Planning;

/// <summary>
/// The ordered changes that take the host from what was observed to what is wanted. The order keeps the host
/// fail-closed after every prefix of it, so the applier may stop at the first failure.
/// </summary>
/// <param name="Owned">The names the plan is about (recorded in the state file when applied).</param>
/// <param name="Conflicts">Foreign objects in Causeway's namespace (e.g. a rule at its priority): reported, never touched.</param>
public sealed record HostPlan(
    HostPlanPurpose Purpose,
    OwnedNames Owned,
    ImmutableArray<HostChange> Changes,
    ImmutableArray<string> Conflicts)
{
    public bool IsEmpty => Changes.IsEmpty;
}
