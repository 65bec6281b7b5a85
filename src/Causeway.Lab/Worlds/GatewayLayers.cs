using System.Text.Json;
using Causeway.Lab.Backbone;

namespace Causeway.Lab.Worlds;

/// <summary>
/// Causeway's two layers on a world's gateway, as the checks see and remove them: its ip rules (its two priorities,
/// or pointing at its table), the routes of its table and its nft table (the lab's non-default names, the same in
/// every world).
/// </summary>
internal sealed class GatewayLayers(RunningWorld w)
{
    private string Gateway => w.Ns(w.GatewayNode);

    public async Task<bool> NftTableExistsAsync(CancellationToken ct) =>
        (await w.Net.TryExecAsync(Gateway, "nft", ["list", "table", "inet", BackboneTopology.GatewayNftTable], ct)).Succeeded;

    /// <summary>The nft table as `nft list` prints it (which `nft -f` takes back), to restore it later.</summary>
    public async Task<string> SaveNftTableAsync(CancellationToken ct) =>
        (await w.Net.ExecAsync("saving Causeway's nft table", Gateway, "nft", ["list", "table", "inet", BackboneTopology.GatewayNftTable], ct)).StandardOutput;

    public Task RestoreNftTableAsync(string saved, CancellationToken ct) =>
        w.Net.NftAsync("restoring Causeway's nft table", Gateway, saved, ct);

    public async Task DeleteNftTableAsync(CancellationToken ct)
    {
        if (await NftTableExistsAsync(ct))
        {
            await w.Net.ExecAsync("removing Causeway's nft table", Gateway, "nft", ["delete", "table", "inet", BackboneTopology.GatewayNftTable], ct);
        }
    }

    /// <summary>Waits (30 s at most) until every host's `causeway up` has put both its layers back; how long that took, or null.</summary>
    public static Task<TimeSpan?> BackAsync(IReadOnlyList<GatewayLayers> layers, TimeProvider time, CancellationToken ct) =>
        Machine.Waiting.TryUntilAsync(
            async token =>
            {
                foreach (var l in layers)
                {
                    if (!await l.NftTableExistsAsync(token) || (await l.RulesAsync(token)).Count == 0)
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(30),
            time,
            ct);

    /// <summary>Causeway's ip rules (both families), as `ip rule` prints them.</summary>
    public async Task<IReadOnlyList<string>> RulesAsync(CancellationToken ct)
    {
        var rules = new List<string>();
        foreach (var family in new[] { "-4", "-6" })
        {
            foreach (var rule in await RulesAsync(family, ct))
            {
                rules.Add($"{family} {rule.Text}");
            }
        }

        return rules;
    }

    /// <summary>Removes Causeway's ip rules (its two priorities, both families) and every route of its table.</summary>
    public async Task<IReadOnlyList<string>> RemoveRouteLayerAsync(CancellationToken ct)
    {
        var removed = new List<string>();
        foreach (var family in new[] { "-4", "-6" })
        {
            foreach (var rule in await RulesAsync(family, ct))
            {
                await w.Net.IpAsync("removing one of Causeway's ip rules", Gateway, family, "rule", "del", "priority", rule.Priority.ToString());
                removed.Add($"{family} {rule.Text}");
            }

            // Route by route: `ip -6 route flush table N` leaves `unreachable` routes behind.
            var table = BackboneTopology.GatewayRouteTable.ToString();
            var routes = (await w.Net.IpAsync("listing Causeway's route table", Gateway, "-j", family, "route", "show", "table", table)).StandardOutput;
            using var document = JsonDocument.Parse(routes.Trim().Length == 0 ? "[]" : routes);
            foreach (var route in document.RootElement.EnumerateArray())
            {
                var destination = route.TryGetProperty("dst", out var dst) ? dst.GetString() ?? "default" : "default";
                await w.Net.IpAsync("removing one of Causeway's routes", Gateway, family, "route", "del", destination, "table", table);
                removed.Add($"{family} route {route.GetRawText()}");
            }
        }

        return removed;
    }

    /// <summary>The routes left in Causeway's table, per family, as `ip route` prints them (empty when none).</summary>
    public async Task<string> RoutesAsync(string family, CancellationToken ct) =>
        (await w.Net.IpAsync("listing Causeway's route table", Gateway, family, "route", "show", "table", BackboneTopology.GatewayRouteTable.ToString())).StandardOutput.Trim();

    /// <summary>Rules at Causeway's priorities (base and base + 1) or pointing at its table.</summary>
    private async Task<IReadOnlyList<(int Priority, string Text)>> RulesAsync(string family, CancellationToken ct)
    {
        var json = (await w.Net.IpAsync("listing ip rules", Gateway, "-j", family, "rule", "show")).StandardOutput;
        using var document = JsonDocument.Parse(json);
        var rules = new List<(int, string)>();
        foreach (var rule in document.RootElement.EnumerateArray())
        {
            var priority = rule.TryGetProperty("priority", out var p) ? p.GetInt32() : -1;
            var table = rule.TryGetProperty("table", out var t) ? t.ToString() : string.Empty;
            if (priority == BackboneTopology.GatewayRulePriority || priority == BackboneTopology.GatewayRulePriority + 1
                || table == BackboneTopology.GatewayRouteTable.ToString())
            {
                rules.Add((priority, rule.GetRawText()));
            }
        }

        return rules;
    }
}
