using System.Collections.Immutable;

namespace Causeway.Core.Nft;

/// <summary>A whole table to write with one atomic `nft -f`.</summary>
/// <param name="Comment">The table's comment (null = none).</param>
public sealed record NftTableDefinition(
    string Family,
    string Name,
    string? Comment,
    ImmutableArray<NftChainDefinition> Chains)
{
    public IEnumerable<NftRuleDefinition> AllRules => Chains.SelectMany(c => c.Rules);
}
