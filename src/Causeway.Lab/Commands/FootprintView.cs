using System.Globalization;
using Causeway.Lab.Bench;
using Spectre.Console;

namespace Causeway.Lab.Commands;

/// <summary>The footprint benchmark for a person: one row per scenario, each figure against its goal.</summary>
internal static class FootprintView
{
    public static void Render(FootprintReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("causeway up, idle")
            .AddColumn(new TableColumn($"RSS MB (goal ≤ {Number(report.RssGoalMegabytes)})").RightAligned())
            .AddColumn(new TableColumn("max / peak MB").RightAligned())
            .AddColumn(new TableColumn($"CPU % of a core (goal ≤ {Number(report.CpuGoalPercent)})").RightAligned())
            .AddColumn(new TableColumn($"status ms (goal ≤ {Number(report.StatusGoalMilliseconds)})").RightAligned());
        foreach (var r in report.Results)
        {
            if (r.Error is not null)
            {
                table.AddRow(r.Scenario, $"[red]{Markup.Escape(r.Error)}[/]", "", "", "");
                continue;
            }

            table.AddRow(
                Markup.Escape(r.Scenario),
                Against(r.RssMegabytes, report.RssGoalMegabytes),
                $"{Number(r.MaxRssMegabytes)} / {Number(r.PeakRssMegabytes)}",
                Against(r.CpuPercent, report.CpuGoalPercent),
                Against(r.StatusMilliseconds, report.StatusGoalMilliseconds) + $" (max {Number(r.MaxStatusMilliseconds)})");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape($"{report.CausewayVersion}; RSS sampled once a second; CPU includes the ip and nft commands the daemon ran."));
    }

    private static string Against(double value, double goal) => value <= goal ? $"[green]{Number(value)}[/]" : $"[yellow]{Number(value)}[/]";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
