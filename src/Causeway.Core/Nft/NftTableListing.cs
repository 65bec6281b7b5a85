using System.Collections.Immutable;

namespace Causeway.Core.Nft;

/// <summary>One table as `nft -j list table` or `nft -j list ruleset` shows it.</summary>
/// <param name="Comment">
/// The table's comment. nftables before 1.0.7 leaves it out of its JSON; <see cref="NftTextParser"/> reads it
/// from the text listing then.
/// </param>
/// <param name="Sets">Names of the table's named sets.</param>
public sealed record NftTableListing(
    string Family,
    string Name,
    long Handle,
    string? Comment,
    ImmutableArray<NftChain> Chains,
    ImmutableArray<NftRule> Rules,
    ImmutableArray<string> Sets)
{
    public IEnumerable<NftRule> RulesOf(string chain) => Rules.Where(r => r.Chain == chain);

    /// <summary>The rule with this comment, or null.</summary>
    public NftRule? FindRule(string comment) => Rules.FirstOrDefault(r => r.Comment == comment);

    public NftTableListing WithComment(string? comment) => this with { Comment = comment };
}
