using System.Text.Json;

namespace Causeway.Core.Nft;

/// <summary>
/// Parses `nft -j list ruleset` and `nft -j list table FAMILY NAME`: the tables, chains and rules with their
/// comments, handles and counters. Rule expressions are not interpreted: Causeway recognises its rules by
/// their comments, and the whole table by the fingerprint in the table's comment.
/// </summary>
public static class NftJsonParser
{
    /// <summary>What nft says on stderr when the table does not exist.</summary>
    public const string MissingTableMessage = "No such file or directory";

    public static NftRuleset Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"parsing the output of `nft -j list`: not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("nftables", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("parsing the output of `nft -j list`: expected an object with an \"nftables\" array");
            }

            string? version = null;
            var tables = new List<(string Family, string Name, long Handle, string? Comment)>();
            var chains = new List<(string Family, string Table, NftChain Chain)>();
            var rules = new List<(string Family, string Table, NftRule Rule)>();
            var sets = new List<(string Family, string Table, string Name)>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var property in item.EnumerateObject())
                {
                    var value = property.Value;
                    switch (property.Name)
                    {
                        case "metainfo":
                            version = Text(value, "version");
                            break;
                        case "table":
                            tables.Add((Required(value, "family"), Required(value, "name"), Number(value, "handle") ?? 0, Text(value, "comment")));
                            break;
                        case "chain":
                            chains.Add((Required(value, "family"), Required(value, "table"), new NftChain(
                                Required(value, "name"),
                                Number(value, "handle") ?? 0,
                                Text(value, "type"),
                                Text(value, "hook"),
                                Number(value, "prio") is { } prio ? (int)prio : null,
                                Text(value, "policy"))));
                            break;
                        case "rule":
                            rules.Add((Required(value, "family"), Required(value, "table"), new NftRule(
                                Required(value, "chain"),
                                Number(value, "handle") ?? 0,
                                Text(value, "comment"),
                                SumCounters(value))));
                            break;
                        case "set" or "map":
                            sets.Add((Required(value, "family"), Required(value, "table"), Required(value, "name")));
                            break;
                        default:
                            break;
                    }
                }
            }

            var listings = tables.Select(t => new NftTableListing(
                t.Family,
                t.Name,
                t.Handle,
                t.Comment,
                [.. chains.Where(c => c.Family == t.Family && c.Table == t.Name).Select(c => c.Chain)],
                [.. rules.Where(r => r.Family == t.Family && r.Table == t.Name).Select(r => r.Rule)],
                [.. sets.Where(s => s.Family == t.Family && s.Table == t.Name).Select(s => s.Name)]));
            return new NftRuleset(version, [.. listings]);
        }
    }

    /// <summary>The one table of `nft -j list table FAMILY NAME`, or null if the output holds no such table.</summary>
    public static NftTableListing? ParseTable(string json, string family, string name) => Parse(json).FindTable(family, name);

    /// <summary>True when `nft list table` failed because the table does not exist (exit 1, ENOENT).</summary>
    public static bool IsMissingTable(int exitCode, string standardError) =>
        exitCode != 0 && standardError.Contains(MissingTableMessage, StringComparison.Ordinal);

    private static NftCounter? SumCounters(JsonElement rule)
    {
        if (!rule.TryGetProperty("expr", out var expressions) || expressions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        NftCounter? total = null;
        foreach (var expression in expressions.EnumerateArray())
        {
            if (expression.ValueKind == JsonValueKind.Object
                && expression.TryGetProperty("counter", out var counter)
                && counter.ValueKind == JsonValueKind.Object)
            {
                var packets = Number(counter, "packets") ?? 0;
                var bytes = Number(counter, "bytes") ?? 0;
                total = total is null ? new NftCounter(packets, bytes) : new NftCounter(total.Packets + packets, total.Bytes + bytes);
            }
        }

        return total;
    }

    private static string Required(JsonElement element, string name) =>
        Text(element, name) ?? throw new FormatException($"parsing the output of `nft -j list`: \"{name}\" missing in {element.GetRawText()}");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;
}
