using System.Globalization;
using Causeway.Engine.Daemon;
using Spectre.Console;

namespace Causeway.Cli.Views;

/// <summary>
/// `causeway status` for people: the hops first (the first one down, since when and what to look at, then a line per
/// hop), then one table, the things worth a glance first.
/// </summary>
public static class StatusView
{
    /// <param name="zone">The zone times are shown in (the host's local time).</param>
    public static void Render(IAnsiConsole console, StatusReport report, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (report.Hops is { } hops)
        {
            RenderHops(console, hops, zone, report.Traffic);
        }

        if (report.Gateway is { } gateway)
        {
            RenderGateway(console, gateway, zone);
        }

        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("what").AddColumn("value");
        var tunnel = report.Tunnel;
        var state = tunnel.Connected ? $"[green]{Escape(tunnel.State)}[/]" : $"[red]{Escape(tunnel.State)}[/]";
        table.AddRow("instance", $"{Escape(report.Instance)} (pid {report.Pid}, up {Age(now - report.StartedAt)})");
        table.AddRow("tunnel", $"{state} for {Age(now - tunnel.StateSince)}{Suffix(tunnel.Detail)}");
        if (tunnel.Remote is not null || tunnel.LocalAddress is not null)
        {
            table.AddRow("provider", $"{Escape(tunnel.Remote ?? "?")} (local {Escape(tunnel.LocalAddress ?? "?")})");
        }

        table.AddRow("traffic", $"in {Bytes(tunnel.BytesIn)}, out {Bytes(tunnel.BytesOut)}, {tunnel.Reconnects} reconnects, {tunnel.ProcessStarts} OpenVPN starts");
        table.AddRow("dns", tunnel.PushedDns.IsDefaultOrEmpty ? "none pushed" : Escape(string.Join(", ", tunnel.PushedDns)));
        if (tunnel.LastError is not null)
        {
            table.AddRow("last error", $"[yellow]{Escape(tunnel.LastError)}[/]");
        }

        if (report.Overlay is { } overlay)
        {
            table.AddRow("overlay", $"{Escape(overlay.Interface)} {Escape(string.Join(", ", overlay.Subnets))} (this host: {Escape(string.Join(", ", overlay.Addresses))})");
            if (overlay.ZeroTier is { } zt)
            {
                var route = zt.DefaultRouteViaThisGateway ? "[green]default route via this gateway[/]" : "[yellow]no default route via this gateway[/]";

                // The network's status is the last one zerotier-one reported: while it does not answer, that is
                // not "OK" but the problem, and the rest is as last read.
                var network = overlay.Problem is not null ? "[red]as last read[/]" : Escape(zt.Status);
                table.AddRow("zerotier", $"{Escape(zt.NetworkId)} {Escape(zt.Name ?? string.Empty)} {network}, {route}");
                table.AddRow(string.Empty, Escape(zt.Advice));
            }

            if (overlay.Problem is not null)
            {
                table.AddRow(string.Empty, $"[red]{Escape(overlay.Problem)}[/]");
            }
            else if (overlay.Stale && overlay.LastContact is { } contact)
            {
                table.AddRow(string.Empty, $"[yellow]stale: last read {Age(now - contact)} ago[/]");
            }
        }

        if (report.Access is { } access)
        {
            foreach (var server in access.Servers)
            {
                var serverState = server.Up ? "[green]up[/]" : $"[red]{Escape(server.State)}[/]";
                table.AddRow(
                    $"access {server.Transport}",
                    $"{serverState} for {Age(now - server.StateSince)}: {Escape(access.ServerHost)} {server.Transport} {server.Port}, {Escape(server.Device)} {Escape(server.Subnet)}, {server.Clients} clients{Suffix(server.Up ? null : server.LastError ?? server.Detail)}");
            }

            var clients = access.Sessions.IsDefaultOrEmpty
                ? "none connected"
                : string.Join(", ", access.Sessions.Select(s => $"{Escape(s.Name)} ({s.Transport} {Escape(s.VirtualAddress ?? "?")}, in {Bytes(s.BytesReceived)}, out {Bytes(s.BytesSent)})"));
            table.AddRow("access clients", clients);
            foreach (var problem in access.Problems.IsDefault ? [] : access.Problems)
            {
                table.AddRow(string.Empty, $"[yellow]{Escape(problem)}[/]");
            }
        }

        if (report.Traffic is { } traffic && traffic.Devices.Any(d => d.Present))
        {
            table.AddRow("rates", string.Join("; ", traffic.Devices.Where(d => d.Present).Select(d =>
                $"{Escape(d.Device)} ({d.Role}) ↑ {Rate(d.UpstreamBytesPerSecond)} ↓ {Rate(d.DownstreamBytesPerSecond)}")));
        }

        if (report.EgressUsage is { } usage)
        {
            var clients = usage.Clients.IsDefaultOrEmpty ? string.Empty : $"; to clients {Bytes(usage.Clients.Sum(c => c.SentBytes))}";
            var budget = usage.BudgetBytes is { } limit ? $"; {usage.BudgetUsedPercent?.ToString("0.#", CultureInfo.InvariantCulture)}% of the {Bytes(limit)} budget" : string.Empty;
            var line = $"{Escape(usage.Month)} (UTC): sent {Bytes(usage.SentBytes)}, received {Bytes(usage.ReceivedBytes)} through {Escape(usage.Device ?? "?")}{clients}{budget}";
            table.AddRow("this month", usage.ThresholdsReached.IsDefaultOrEmpty ? line : $"[{(usage.ThresholdsReached.Max() >= 100 ? "red" : "yellow")}]{line}[/]");
        }

        var killSwitch = report.KillSwitch;
        table.AddRow("kill switch", $"routes {Layer(killSwitch.RouteLayer)}, nftables {Layer(killSwitch.NftLayer)}, {killSwitch.DroppedPackets} forwarded packets dropped, {killSwitch.HostStackDroppedPackets} of the host's own for client flows dropped");
        var reconcile = report.Reconcile;
        table.AddRow("reconcile", $"{(reconcile.Converged ? "[green]converged[/]" : "[yellow]not converged[/]")}, {reconcile.Runs} runs, {reconcile.Repairs} drift repairs{Suffix(reconcile.LastError)}");
        console.Write(table);
    }

    /// <summary>The overlay gateway's own hops, as it last gave them; or why they cannot be read.</summary>
    private static void RenderGateway(IAnsiConsole console, GatewayStatusReport gateway, TimeZoneInfo zone)
    {
        var who = gateway.Instance is { } name ? $"the gateway {name} ({gateway.Source})" : $"the gateway ({gateway.Source})";
        if (gateway.Hops is { } hops)
        {
            console.MarkupLine($"{Escape(who)} says:");
            RenderHops(console, hops, zone, null);
        }
        else if (gateway.Error is { } error)
        {
            var since = gateway.FailingSince is { } at ? $" since {TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture)}" : string.Empty;
            console.MarkupLine($"[yellow]{Escape(who)}: its status does not answer{since}: {Escape(error)}[/]");
        }
        else
        {
            console.MarkupLine($"{Escape(who)}: not read yet");
        }
    }

    /// <summary>
    /// The summary, red while a hop is down, yellow while ZeroTier relays one (or one is not answered yet), green when
    /// every hop is up and direct; then each hop with its state, and for one that is down, what to look at.
    /// </summary>
    private static void RenderHops(IAnsiConsole console, HopsReport hops, TimeZoneInfo zone, TrafficReport? traffic)
    {
        var color = hops.FirstFailed is not null ? "red"
            : hops.Items.Any(h => h.Path == "relayed" || h.State != HopStatusReport.Up) ? "yellow"
            : "green";
        console.MarkupLine($"[{color}]{Escape(hops.Summary)}[/]");
        foreach (var hop in hops.Items)
        {
            var state = hop.State switch
            {
                HopStatusReport.Up => "[green]up[/]",
                HopStatusReport.Down => "[red]down[/]",
                _ => "[yellow]unknown[/]",
            };
            var details = new List<string>();
            if (hop.LastRoundTripMs is { } roundTrip && hop.State == HopStatusReport.Up)
            {
                details.Add($"{roundTrip.ToString("0.#", CultureInfo.InvariantCulture)} ms");
            }

            if (hop.FailuresInARow > 0)
            {
                details.Add($"{hop.FailuresInARow} probes lost in a row");
            }

            if (hop.Path is { } path)
            {
                details.Add(path == "relayed" ? "[yellow]relayed[/]" : path);
            }

            if (traffic?.Devices.FirstOrDefault(d => d.Hop == hop.Id) is { UpstreamBytesPerSecond: { } up, DownstreamBytesPerSecond: { } down })
            {
                details.Add($"↑ {Rate(up)} ↓ {Rate(down)}");
            }

            var since = TimeZoneInfo.ConvertTime(hop.Since, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            var extra = details.Count == 0 ? string.Empty : $" ({string.Join(", ", details)})";
            console.MarkupLine($"  {Escape(hop.Id),-8} {state} since {since}{extra}: {Escape(hop.Name)}");
            if (hop.State == HopStatusReport.Down)
            {
                console.MarkupLine($"           look at: {Escape(hop.LookNext)}");
            }
        }
    }

    private static string Layer(bool present) => present ? "[green]in place[/]" : "[red]missing[/]";

    private static string Suffix(string? detail) => string.IsNullOrEmpty(detail) ? string.Empty : $" ({Escape(detail)})";

    private static string Escape(string text) => Markup.Escape(text);

    private static string Age(TimeSpan age) => DisplayFormat.Age(age);

    private static string Bytes(long bytes) => DisplayFormat.Bytes(bytes);

    private static string Rate(double? bytesPerSecond) => bytesPerSecond is { } rate ? $"{DisplayFormat.Bytes((long)rate)}/s" : "?";
}
