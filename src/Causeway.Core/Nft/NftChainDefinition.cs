using System.Collections.Immutable;

namespace Causeway.Core.Nft;

/// <summary>A base chain to write.</summary>
/// <param name="Type">"filter" or "nat".</param>
/// <param name="Hook">"forward", "prerouting", "postrouting"...</param>
/// <param name="Policy">"accept" or "drop".</param>
public sealed record NftChainDefinition(
    string Name,
    string Type,
    string Hook,
    NftPriority Priority,
    string Policy,
    ImmutableArray<NftRuleDefinition> Rules);
