using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Machine;

namespace Causeway.Lab.Worlds;

/// <summary>
/// `down-leaves-no-residue`, for any world: `causeway up` is stopped (SIGTERM), `causeway down` runs, and the
/// gateway must equal its snapshot from before `up`, with the foreign state the lab seeded intact and nothing of
/// Causeway's left (table, rules, routes, OpenVPN).
/// </summary>
internal static class ResidueCheck
{
    /// <param name="foreignSysctl">The sysctl the lab seeded on the gateway's uplink.</param>
    public static async Task<LabCheckResult> RunAsync(RunningWorld w, string name, string foreignSysctl, CancellationToken ct)
    {
        var gatewayNs = w.Ns(w.GatewayNode);
        var layers = new GatewayLayers(w);
        var notes = new List<string>();
        var gateway = w.State.Process(w.GatewayProcess);
        if (gateway is not null && w.Processes.IsAlive(gateway.Pid, gateway.StartTicks))
        {
            await w.Processes.SignalAsync(gateway.Pid, Engine.Seams.UnixSignals.Terminate, ct);
            var stopped = await Waiting.TryUntilAsync(_ => Task.FromResult(!w.Processes.IsAlive(gateway.Pid, gateway.StartTicks)), TimeSpan.FromSeconds(20), w.Time, ct);
            notes.Add(stopped is { } s ? $"`causeway up` stopped {s.TotalSeconds:0.0} s after SIGTERM" : "`causeway up` ignored SIGTERM for 20 s");
            if (stopped is null)
            {
                await w.KillAsync(w.GatewayProcess, ct);
            }
        }

        var down = await w.GatewayCommandAsync(["down", "-c", w.GatewayConfigPath], ct, TimeSpan.FromSeconds(60));
        notes.Add(down.Succeeded ? "`causeway down` succeeded" : $"`causeway down` exited with {down.ExitCode}: {down.StandardError.Trim()}");

        var problems = new List<string>();
        if (!down.Succeeded)
        {
            problems.Add("causeway down failed");
        }

        // The whole host, as the planner sees it, against the snapshot from before `up`.
        var snapshotDiff = await GatewaySnapshot.CompareWithBeforeUpAsync(w, ct);
        if (snapshotDiff.Count > 0)
        {
            problems.AddRange(snapshotDiff);
        }
        else
        {
            notes.Add("the host snapshot equals the one taken before `causeway up`");
        }

        // What the lab seeded is still there, untouched.
        var foreign = await w.Net.TryExecAsync(gatewayNs, "nft", ["list", "table", "inet", BackboneTopology.ForeignNftTable], ct);
        if (!foreign.Succeeded || !foreign.StandardOutput.Contains("comment \"foreign\"", StringComparison.Ordinal))
        {
            problems.Add($"the foreign nft table inet {BackboneTopology.ForeignNftTable} is gone or changed");
        }

        var rules = (await w.Net.IpAsync("listing ip rules", gatewayNs, "rule", "show")).StandardOutput;
        if (!rules.Split('\n').Any(l => l.StartsWith($"{BackboneTopology.ForeignRulePriority}:", StringComparison.Ordinal) && l.Contains($"lookup {BackboneTopology.ForeignRouteTable}", StringComparison.Ordinal)))
        {
            problems.Add($"the foreign ip rule {BackboneTopology.ForeignRulePriority} is gone");
        }

        var foreignRoutes = (await w.Net.IpAsync("listing the foreign route table", gatewayNs, "route", "show", "table", BackboneTopology.ForeignRouteTable.ToString())).StandardOutput;
        if (!foreignRoutes.Contains(BackboneTopology.ForeignRouteDestination, StringComparison.Ordinal))
        {
            problems.Add($"the foreign route {BackboneTopology.ForeignRouteDestination} in table {BackboneTopology.ForeignRouteTable} is gone");
        }

        var sysctl = await w.Net.ReadSysctlAsync(gatewayNs, foreignSysctl, ct);
        if (sysctl != BackboneTopology.ForeignSysctlValue)
        {
            problems.Add($"{foreignSysctl} is {sysctl}, was seeded as {BackboneTopology.ForeignSysctlValue}");
        }

        // And nothing of Causeway's is left (also covered by the snapshot, but named here for the reader).
        if (await layers.NftTableExistsAsync(ct))
        {
            problems.Add($"table inet {BackboneTopology.GatewayNftTable} is still there");
        }

        var ours = await layers.RulesAsync(ct);
        if (ours.Count > 0)
        {
            problems.Add($"ip rules left: {string.Join("; ", ours)}");
        }

        foreach (var family in new[] { "-4", "-6" })
        {
            var routes = await layers.RoutesAsync(family, ct);
            if (routes.Length > 0)
            {
                problems.Add($"routes left in table {BackboneTopology.GatewayRouteTable} ({family}): {routes.ReplaceLineEndings("; ")}");
            }
        }

        var openvpn = await w.PidsNamedAsync(w.GatewayNode, "openvpn", ct);
        if (openvpn.Count > 0)
        {
            problems.Add($"OpenVPN still runs (pid {string.Join(", ", openvpn)})");
        }

        if (problems.Count == 0)
        {
            notes.Add($"foreign table, rule {BackboneTopology.ForeignRulePriority}, route in table {BackboneTopology.ForeignRouteTable} and {foreignSysctl}={sysctl} intact; no Causeway table, rule, route or OpenVPN left");
        }

        return new(name, problems.Count == 0,
            string.Join("; ", notes) + (problems.Count > 0 ? $"; RESIDUE: {string.Join("; ", problems)}" : string.Empty));
    }
}
