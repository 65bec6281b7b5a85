namespace Causeway.Core.Nft;

/// <summary>One rule of a listed table: where it is, what it is called, and what it counted.</summary>
/// <param name="Comment">Causeway names every one of its rules this way; null for a rule without one.</param>
/// <param name="Counter">null when the rule has no counter.</param>
public sealed record NftRule(string Chain, long Handle, string? Comment, NftCounter? Counter);
