using System.Collections.Immutable;

namespace Causeway.Core.Planning;

/// <summary>One step of a plan.</summary>
/// <param name="Description">One line for people, e.g. "IPv4 rule prio 7271 from all iif zt0 lookup 7270".</param>
/// <param name="Operation">What the applier does.</param>
/// <param name="Details">More lines for people (e.g. every way the nft table differs); may be empty.</param>
public sealed record HostChange(
    HostChangeKind Kind,
    HostObjectKind Subject,
    string Description,
    HostOperation Operation,
    ImmutableArray<string> Details)
{
    public HostChange(HostChangeKind kind, HostObjectKind subject, string description, HostOperation operation)
        : this(kind, subject, description, operation, [])
    {
    }

    public override string ToString() => $"{PlanFormatter.Sign(Kind)} {Description}";
}
