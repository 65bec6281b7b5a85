using System.Collections.Immutable;

namespace Causeway.Core.Nft;

/// <summary>Every table of `nft -j list ruleset` (or the one of `nft -j list table`).</summary>
public sealed record NftRuleset(string? Version, ImmutableArray<NftTableListing> Tables)
{
    public NftTableListing? FindTable(string family, string name) =>
        Tables.FirstOrDefault(t => t.Family == family && t.Name == name);
}
