using System.CommandLine;
using System.Text.Json;
using Causeway.Lab.Bench;
using Causeway.Lab.Json;
using Spectre.Console;

namespace Causeway.Lab.Commands;

/// <summary>
/// `causeway-lab bench [world] [--seconds N] [--rounds N] [--out FILE]` (hidden; bench/uno/run.sh drives it):
/// iperf3 over the raw link, a bare OpenVPN tunnel and Causeway's path, then failover times. Reports, never gates.
/// </summary>
public static class LabBenchCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var seconds = new Option<int>("--seconds") { Description = "Length of each iperf3 run (after a first second left out).", DefaultValueFactory = _ => 8 };
        var rounds = new Option<int>("--rounds") { Description = "Uno: throughput rounds (each path, both directions, tunnels in alternating order) and failover rounds (default 5). Duo: rounds of UDP then TCP (default 2). Dinosaur: rounds of every path, both directions (default 2).", DefaultValueFactory = _ => -1 };
        var failoverRounds = new Option<int?>("--failover-rounds") { Description = "Uno: failover rounds (default: --rounds; 0 skips them)." };
        var output = new Option<string?>("--out") { Description = "Write the JSON report here." };
        var footprint = new Option<bool>("--footprint") { Description = "Measure the world's `causeway up` idle instead: memory, CPU, `causeway status`." };
        var window = new Option<int>("--window") { Description = "--footprint: seconds to sample the idle daemon.", DefaultValueFactory = _ => 60 };
        var clients = new Option<int>("--clients") { Description = "--footprint in Duo: then again with this many more access clients connected.", DefaultValueFactory = _ => 20 };
        var command = new Command("bench", "Benchmark a lab world: throughput and failover times.") { Hidden = true };
        world.AddTo(command);
        command.Options.Add(seconds);
        command.Options.Add(rounds);
        command.Options.Add(failoverRounds);
        command.Options.Add(output);
        command.Options.Add(footprint);
        command.Options.Add(window);
        command.Options.Add(clients);
        command.SetAction(async (parse, ct) =>
        {
            if (!LabWorldOptions.EnsureRoot("bench"))
            {
                return 1;
            }

            var (controller, lifetime) = LabWorldOptions.Compose(Console.Error);
            using var _ = lifetime;
            try
            {
                if (Console.IsOutputRedirected)
                {
                    // Not a terminal (a log, a pipe): Spectre would assume 80 columns and wrap every number.
                    AnsiConsole.Profile.Width = 132;
                }

                var lab = world.Read(parse);
                if (parse.GetValue(footprint))
                {
                    var measured = await controller.BenchFootprintAsync(lab, Math.Max(5, parse.GetValue(window)), Math.Max(0, parse.GetValue(clients)), ct);
                    await WriteAsync(parse.GetValue(output), JsonSerializer.Serialize(measured, LabJsonContext.Default.FootprintReport), ct);
                    FootprintView.Render(measured);
                    return 0;
                }

                if (lab.Name == LabPaths.DuoWorld)
                {
                    var duo = await controller.BenchDuoAsync(lab, Math.Max(1, parse.GetValue(seconds)), parse.GetValue(rounds) is var r and >= 1 ? r : 2, ct);
                    await WriteAsync(parse.GetValue(output), JsonSerializer.Serialize(duo, LabJsonContext.Default.DuoBenchReport), ct);
                    await WritePlotAsync(parse.GetValue(output), BenchPlot.Svg(
                        "Duo: a phone over TCP 443 against UDP 1194 (TCP / UDP of the medians)",
                        "×",
                        [.. duo.Ratios.Where(r => r.Ratio is not null).Select(r => new BenchBar($"{r.To} {r.Direction}", r.Ratio!.Value, r.To))],
                        (duo.Goal, $"goal {duo.Goal}")), ct);
                    RenderDuo(duo);
                    return 0;
                }

                if (lab.Name == LabPaths.DinosaurWorld)
                {
                    var dinosaur = await controller.BenchDinosaurAsync(lab, Math.Max(1, parse.GetValue(seconds)), parse.GetValue(rounds) is var d and >= 1 ? d : 2, ct);
                    await WriteAsync(parse.GetValue(output), JsonSerializer.Serialize(dinosaur, LabJsonContext.Default.DinosaurBenchReport), ct);
                    await WritePlotAsync(parse.GetValue(output), DinosaurBenchView.Plot(dinosaur), ct);
                    DinosaurBenchView.Render(dinosaur);
                    return 0;
                }

                var unoRounds = parse.GetValue(rounds) is var n and >= 1 ? n : 5;
                var report = await controller.BenchAsync(lab, Math.Max(1, parse.GetValue(seconds)), unoRounds, Math.Max(0, parse.GetValue(failoverRounds) ?? unoRounds), ct);
                await WriteAsync(parse.GetValue(output), JsonSerializer.Serialize(report, LabJsonContext.Default.BenchReport), ct);
                await WritePlotAsync(parse.GetValue(output), BenchPlot.Svg(
                    "Uno: median throughput per path (the laptop's whole way against a bare tunnel)",
                    "Mbit/s",
                    [.. report.Summary.Select(s => new BenchBar($"{s.Path} {s.Direction}", s.MedianMbps, s.Path))]), ct);

                var summary = new Table().Border(TableBorder.Rounded)
                    .AddColumn("path").AddColumn("direction").AddColumn(new TableColumn("runs").RightAligned())
                    .AddColumn(new TableColumn("median Mbit/s").RightAligned()).AddColumn(new TableColumn("min-max").RightAligned())
                    .AddColumn(new TableColumn("retransmits").RightAligned()).AddColumn(new TableColumn("cores per Gbit/s").RightAligned());
                foreach (var s in report.Summary)
                {
                    summary.AddRow(s.Path, s.Direction, $"{s.Runs}", $"{s.MedianMbps:0.0}", $"{s.MinMbps:0}-{s.MaxMbps:0}", $"{s.MedianRetransmits:0}", s.MedianCoresPerGbps is { } c ? $"{c:0.00}" : "-");
                }

                foreach (var run in report.Throughput.Where(r => r.Error is not null))
                {
                    summary.AddRow(run.Path, run.Direction, "-", $"[red]{Markup.Escape(run.Error!)}[/]", "", "", "");
                }

                AnsiConsole.Write(summary);
                var ratios = new Table().Border(TableBorder.Rounded).AddColumn("causeway / openvpn-defaults")
                    .AddColumn(new TableColumn("ratio of medians").RightAligned()).AddColumn(new TableColumn("per round").RightAligned())
                    .AddColumn(new TableColumn("median per round").RightAligned()).AddColumn(new TableColumn("CPU per bit").RightAligned());
                foreach (var r in report.Ratios)
                {
                    ratios.AddRow(r.Direction, Number(r.RatioOfMedians), string.Join(" ", r.PairedRatios.Select(p => $"{p:0.00}")), Number(r.MedianPairedRatio), Number(r.CpuRatio));
                }

                foreach (var r in report.TunnelRatios)
                {
                    ratios.AddRow($"{r.Direction} (causeway-tunnel)", Number(r.RatioOfMedians), string.Join(" ", r.PairedRatios.Select(p => $"{p:0.00}")), Number(r.MedianPairedRatio), Number(r.CpuRatio));
                }

                AnsiConsole.Write(ratios);
                AnsiConsole.MarkupLine($"load average before {report.LoadBefore}, after {report.LoadAfter} ({Environment.ProcessorCount} CPUs)");
                foreach (var setup in report.Setup)
                {
                    AnsiConsole.MarkupLine(Markup.Escape($"{setup.Path}: cipher {setup.Cipher ?? "?"}, tun mtu {setup.TunMtu} txqueuelen {setup.TxQueueLength}, socket buffers {setup.SocketBuffers ?? "?"}; client options: {(setup.ClientOptions.Count == 0 ? "none" : string.Join(", ", setup.ClientOptions))}"));
                }

                foreach (var note in report.Comparability)
                {
                    AnsiConsole.MarkupLine($"[yellow]not comparable: {Markup.Escape(note)}[/]");
                }

                var failover = report.Failover;
                var times = new Table().Border(TableBorder.Rounded).AddColumn("failover").AddColumn("seconds per round").AddColumn(new TableColumn("median").RightAligned());
                times.AddRow("provider killed -> gateway notices", Join(failover.DetectionSeconds), Number(BenchStatistics.Median(failover.DetectionSeconds)));
                times.AddRow("provider back -> laptop online", Join(failover.RecoverySeconds), Number(BenchStatistics.Median(failover.RecoverySeconds)));
                times.AddRow("Causeway's OpenVPN killed -> laptop online", Join(failover.OpenVpnRestartSeconds), Number(BenchStatistics.Median(failover.OpenVpnRestartSeconds)));
                times.AddRow("  of which the supervisor's restart backoff", Join(failover.RestartBackoffSeconds.Select(b => b ?? double.NaN).ToList()), "");
                AnsiConsole.Write(times);
                foreach (var error in failover.Errors)
                {
                    AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(error)}[/]");
                }

                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or TimeoutException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab bench: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task WriteAsync(string? path, string json, CancellationToken ct)
    {
        if (path is not null)
        {
            await File.WriteAllTextAsync(path, json + "\n", ct);
        }
    }

    /// <summary>The plot beside the JSON report: the same path, with .svg for .json.</summary>
    private static async Task WritePlotAsync(string? jsonPath, string svg, CancellationToken ct)
    {
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(Path.ChangeExtension(jsonPath, ".svg"), svg, ct);
        }
    }

    private static void RenderDuo(DuoBenchReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("path").AddColumn("direction").AddColumn(new TableColumn("Mbit/s").RightAligned()).AddColumn(new TableColumn("retransmits").RightAligned());
        foreach (var run in report.Throughput)
        {
            table.AddRow(run.Path, run.Direction, run.Error is null ? $"{run.MegabitsPerSecond:0.0}" : $"[red]{Markup.Escape(run.Error)}[/]", run.Retransmits.ToString());
        }

        AnsiConsole.Write(table);
        var ratios = new Table().Border(TableBorder.Rounded).AddColumn("phone ->").AddColumn("medians").AddColumn(new TableColumn("UDP 1194").RightAligned()).AddColumn(new TableColumn("TCP 443").RightAligned()).AddColumn(new TableColumn($"TCP / UDP (goal {report.Goal:0.0#})").RightAligned());
        foreach (var ratio in report.Ratios)
        {
            var shown = ratio.Ratio is { } r ? $"{r:0.00}" : "-";
            ratios.AddRow(ratio.To, ratio.Direction, $"{ratio.UdpMegabitsPerSecond:0.0}", $"{ratio.TcpMegabitsPerSecond:0.0}", ratio.MeetsGoal ? $"[green]{shown}[/]" : $"[yellow]{shown}[/]");
        }

        AnsiConsole.Write(ratios);
        foreach (var error in report.Errors)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(error)}[/]");
        }
    }

    private static string Join(IReadOnlyList<double> values) => values.Count == 0 ? "-" : string.Join("  ", values.Select(v => double.IsNaN(v) ? "?" : v.ToString("0.00")));

    private static string Number(double? value) => value is { } v ? v.ToString("0.00") : "-";
}
