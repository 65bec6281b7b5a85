using System.Globalization;
using Causeway.Lab.Bench;
using Spectre.Console;

namespace Causeway.Lab.Commands;

/// <summary>The Dinosaur benchmark for a person: its tables on the terminal and its plot beside the JSON.</summary>
internal static class DinosaurBenchView
{
    /// <summary>Throughput per path and direction (medians), and the chain / tunnel ratios against the goal.</summary>
    public static string Plot(DinosaurBenchReport report)
    {
        var bars = report.Ratios.Where(r => r.Ratio is not null)
            .Select(r => new BenchBar($"{r.Path} {r.Direction}", r.Ratio!.Value, r.Path))
            .ToList();
        return BenchPlot.Svg(
            "Dinosaur: a phone over the whole chain against the bare provider tunnel (ratio of medians)",
            "×",
            bars,
            (report.Goal, $"goal {report.Goal:0.00} (UDP)"));
    }

    public static void Render(DinosaurBenchReport report)
    {
        var summary = new Table().Border(TableBorder.Rounded)
            .AddColumn("path").AddColumn("direction").AddColumn(new TableColumn("runs").RightAligned())
            .AddColumn(new TableColumn("median Mbit/s").RightAligned()).AddColumn(new TableColumn("min-max").RightAligned())
            .AddColumn(new TableColumn($"busy cores (of {report.Cores})").RightAligned()).AddColumn(new TableColumn("cores per Gbit/s").RightAligned());
        foreach (var s in report.Summary)
        {
            summary.AddRow(s.Path, s.Direction, $"{s.Runs}", Number(s.MedianMbps, "0.0"), $"{s.MinMbps:0}-{s.MaxMbps:0}", Number(s.MedianBusyCores), Number(s.MedianCoresPerGbps));
        }

        foreach (var run in report.Runs.Where(r => r.Throughput.Error is not null))
        {
            summary.AddRow(run.Throughput.Path, run.Throughput.Direction, "-", $"[red]{Markup.Escape(run.Throughput.Error!)}[/]", "", "", "");
        }

        AnsiConsole.Write(summary);

        // Where the CPU goes: each hop's cores per Gbit/s, per path (upload and download side by side).
        var hops = new Table().Border(TableBorder.Rounded).AddColumn("cores per Gbit/s, by hop");
        var columns = report.Summary.Select(s => (s.Path, s.Direction)).ToList();
        foreach (var (path, direction) in columns)
        {
            hops.AddColumn(new TableColumn($"{path}\n{direction}").RightAligned());
        }

        foreach (var hop in report.Summary.SelectMany(s => s.MedianHops).Select(h => h.Hop).Distinct())
        {
            hops.AddRow([hop, .. columns.Select(c => Number(report.Summary.First(s => s.Path == c.Path && s.Direction == c.Direction).MedianHops.FirstOrDefault(h => h.Hop == hop)?.CoresPerGbps))]);
        }

        AnsiConsole.Write(hops);

        var ratios = new Table().Border(TableBorder.Rounded).AddColumn("chain / provider tunnel").AddColumn("direction")
            .AddColumn(new TableColumn("chain Mbit/s").RightAligned()).AddColumn(new TableColumn("tunnel Mbit/s").RightAligned())
            .AddColumn(new TableColumn($"ratio (goal {report.Goal:0.00} over UDP)").RightAligned()).AddColumn(new TableColumn("CPU's bound").RightAligned());
        foreach (var r in report.Ratios)
        {
            var shown = Number(r.Ratio);
            ratios.AddRow(r.Path, r.Direction, Number(r.ChainMbps, "0.0"), Number(r.TunnelMbps, "0.0"), r.MeetsGoal ? $"[green]{shown}[/]" : r.Path == BenchPaths.ChainUdp ? $"[yellow]{shown}[/]" : shown, Number(r.CpuBound));
        }

        AnsiConsole.Write(ratios);
        AnsiConsole.MarkupLine(Markup.Escape(
            $"load average before {report.LoadBefore}, after {report.LoadAfter} ({report.Cores} CPUs). The CPU's bound is the tunnel's cores per Gbit/s over the chain's: " +
            "where the ratio reaches it, the chain is as fast as its CPU allows; below it, the rest goes to what the CPU does not explain (queues, TCP over TCP, the overlay)."));
        foreach (var error in report.Errors)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(error)}[/]");
        }
    }

    private static string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
