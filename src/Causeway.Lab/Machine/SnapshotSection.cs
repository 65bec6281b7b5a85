using System.Collections.Immutable;

namespace Causeway.Lab.Machine;

/// <summary>One part of a <see cref="HostSnapshot"/>: a name and canonical lines.</summary>
/// <param name="Ordered">Whether line order means something (rules, nft) or not (routes, sysctls: sorted).</param>
public sealed record SnapshotSection(string Name, ImmutableArray<string> Lines, bool Ordered);
