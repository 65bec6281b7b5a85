namespace Causeway.Core.Nft;

/// <summary>A rule's `counter` (the sum when a rule has several).</summary>
public sealed record NftCounter(long Packets, long Bytes);
