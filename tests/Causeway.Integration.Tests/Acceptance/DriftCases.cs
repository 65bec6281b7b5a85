using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>The drift Uno item 5 names: our rule, our route, our table (flushed or deleted), and forwarding.</summary>
public static class DriftCases
{
    private static readonly string Table = BackboneTopology.GatewayNftTable;
    private static readonly string RouteTable = BackboneTopology.GatewayRouteTable.ToString();
    private static readonly string CatchAllPriority = (BackboneTopology.GatewayRulePriority + 1).ToString();

    public static IReadOnlyList<DriftCase> All { get; } =
    [
        new("catch-all-rule-deleted",
            g => g.OnGatewayAsync("ip", "-4", "rule", "del", "priority", CatchAllPriority),
            RulesAsync),

        new("unreachable-default-deleted",
            g => g.OnGatewayAsync("ip", "-4", "route", "del", "unreachable", "default", "table", RouteTable),
            async g => (await g.OnGatewayAsync("ip", "-4", "-json", "route", "show", "table", RouteTable)).StandardOutput),

        new("nft-rule-deleted",
            DeleteLeakRuleAsync,
            NftTableAsync),

        new("nft-table-flushed",
            g => g.OnGatewayAsync("nft", "flush", "table", "inet", Table),
            NftTableAsync),

        new("nft-table-deleted",
            g => g.OnGatewayAsync("nft", "delete", "table", "inet", Table),
            NftTableAsync),

        new("ip-forward-off",
            g => g.OnGatewayAsync("sysctl", "-q", "-w", "net.ipv4.ip_forward=0"),
            async g => (await g.OnGatewayAsync("sysctl", "-n", "net.ipv4.ip_forward")).StandardOutput.Trim()),
    ];

    public static DriftCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>
    /// The rules as a set: a rule added back goes to the end of its priority, behind the others at that priority
    /// (which all look up the same table, so their order there means nothing).
    /// </summary>
    private static async Task<string> RulesAsync(LabGatewayFixture g)
    {
        var rules = (await g.OnGatewayAsync("ip", "-4", "-json", "rule", "show")).StandardOutput;
        using var document = System.Text.Json.JsonDocument.Parse(rules);
        return string.Join('\n', document.RootElement.EnumerateArray().Select(r => r.GetRawText()).Order(StringComparer.Ordinal));
    }

    /// <summary>One rule of the table: the forward chain's last drop (the leak counter), by its handle.</summary>
    private static async Task<CommandResult> DeleteLeakRuleAsync(LabGatewayFixture g)
    {
        var chain = await g.OnGatewayAsync("nft", "-a", "list", "chain", "inet", Table, "forward");
        var handle = chain.StandardOutput.Split('\n')
            .Where(l => l.Contains(" drop ", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, "# handle ([0-9]+)$"))
            .LastOrDefault(m => m.Success)?.Groups[1].Value
            ?? throw new InvalidOperationException($"no drop rule with a handle in the forward chain:\n{chain.StandardOutput}{chain.StandardError}");
        return await g.OnGatewayAsync("nft", "delete", "rule", "inet", Table, "forward", "handle", handle);
    }

    /// <summary>The table without counters (-s) or handles: equal once it holds every rule again.</summary>
    private static async Task<string> NftTableAsync(LabGatewayFixture g)
    {
        var table = await g.OnGatewayAsync("nft", "-s", "list", "table", "inet", Table);
        return table.Succeeded ? table.StandardOutput : $"(no table: {table.StandardError.Trim()})";
    }
}
