using Causeway.Engine.Daemon;
using Spectre.Console;

namespace Causeway.Cli.Views;

/// <summary>`causeway status` for people: one table, the things worth a glance first.</summary>
public static class StatusView
{
    public static void Render(IAnsiConsole console, StatusReport report, DateTimeOffset now)
    {
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
                table.AddRow("zerotier", $"{Escape(zt.NetworkId)} {Escape(zt.Name ?? string.Empty)} {Escape(zt.Status)}, {route}");
                table.AddRow(string.Empty, Escape(zt.Advice));
            }
        }

        var killSwitch = report.KillSwitch;
        table.AddRow("kill switch", $"routes {Layer(killSwitch.RouteLayer)}, nftables {Layer(killSwitch.NftLayer)}, {killSwitch.DroppedPackets} packets dropped");
        var reconcile = report.Reconcile;
        table.AddRow("reconcile", $"{(reconcile.Converged ? "[green]converged[/]" : "[yellow]not converged[/]")}, {reconcile.Runs} runs, {reconcile.Repairs} drift repairs{Suffix(reconcile.LastError)}");
        console.Write(table);
    }

    private static string Layer(bool present) => present ? "[green]in place[/]" : "[red]missing[/]";

    private static string Suffix(string? detail) => string.IsNullOrEmpty(detail) ? string.Empty : $" ({Escape(detail)})";

    private static string Escape(string text) => Markup.Escape(text);

    private static string Age(TimeSpan age) => age.TotalSeconds switch
    {
        < 0 => "0s",
        < 90 => $"{age.TotalSeconds:0}s",
        < 5400 => $"{age.TotalMinutes:0}m",
        < 172800 => $"{age.TotalHours:0.#}h",
        _ => $"{age.TotalDays:0.#}d",
    };

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / 1048576.0:0.#} MiB",
        _ => $"{bytes / 1073741824.0:0.##} GiB",
    };
}
