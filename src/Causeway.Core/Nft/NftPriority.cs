namespace Causeway.Core.Nft;

/// <summary>A base chain's priority: the keyword written in the ruleset and the number nft lists for it.</summary>
public sealed record NftPriority(string Keyword, int Value)
{
    /// <summary>`priority filter` (0).</summary>
    public static readonly NftPriority Filter = new("filter", 0);

    /// <summary>`priority dstnat` (-100): destination NAT, before the routing decision.</summary>
    public static readonly NftPriority DestinationNat = new("dstnat", -100);

    /// <summary>`priority srcnat` (100): source NAT, after the routing decision.</summary>
    public static readonly NftPriority SourceNat = new("srcnat", 100);

    /// <summary>`priority srcnat + 10` (110): after source NAT has rewritten a packet (and the ICMP errors about its flow).</summary>
    public static readonly NftPriority AfterSourceNat = new("srcnat + 10", 110);

    public override string ToString() => Keyword;
}
