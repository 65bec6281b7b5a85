using System.Text.Json;

namespace Causeway.Lab.Leaks;

/// <summary>Packet counts of the rules of one nft table, by rule comment (from `nft -j list table ...`).</summary>
public sealed record NftCounters(IReadOnlyDictionary<string, long> PacketsByComment)
{
    public long this[string comment] => PacketsByComment.TryGetValue(comment, out var packets) ? packets : 0;

    /// <summary>How many packets each counter saw since <paramref name="earlier"/>.</summary>
    public NftCounters Since(NftCounters earlier) =>
        new(PacketsByComment.ToDictionary(p => p.Key, p => p.Value - earlier[p.Key], StringComparer.Ordinal));

    /// <summary>
    /// Sums the counter statements of every commented rule. JsonDocument, not a serializer: the shape of
    /// `nft -j` is nested and irregular, and only two fields matter here.
    /// </summary>
    public static NftCounters Parse(string nftJson) => Parse(nftJson, null);

    /// <summary>Like <see cref="Parse(string)"/>, but only the rules of one chain (null: every chain).</summary>
    public static NftCounters Parse(string nftJson, string? chain)
    {
        var packets = new Dictionary<string, long>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(nftJson);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("rule", out var rule)
                || !rule.TryGetProperty("comment", out var comment)
                || !rule.TryGetProperty("expr", out var expressions)
                || (chain is not null && (!rule.TryGetProperty("chain", out var ruleChain) || ruleChain.GetString() != chain)))
            {
                continue;
            }

            foreach (var expression in expressions.EnumerateArray())
            {
                if (expression.ValueKind == JsonValueKind.Object && expression.TryGetProperty("counter", out var counter)
                    && counter.ValueKind == JsonValueKind.Object && counter.TryGetProperty("packets", out var count))
                {
                    var key = comment.GetString() ?? string.Empty;
                    packets[key] = packets.GetValueOrDefault(key) + count.GetInt64();
                }
            }
        }

        return new NftCounters(packets);
    }
}
