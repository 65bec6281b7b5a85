namespace Causeway.Core.Nft;

/// <summary>One rule to write: its statement and the comment that names it.</summary>
/// <param name="Statement">nft syntax without the comment, e.g. `iifname "zt0" counter drop`.</param>
/// <param name="Comment">Unique within the table: the diff finds a deleted or foreign rule by it.</param>
public sealed record NftRuleDefinition(string Statement, string Comment);
