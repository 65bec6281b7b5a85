using System.CommandLine;
using System.Text.Json;
using Causeway.Lab;
using Causeway.Lab.Bench;
using Causeway.Lab.Json;
using Spectre.Console;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway lab bench [world] [--seconds N] [--rounds N] [--out FILE]` (hidden; bench/uno/run.sh and
/// bench/duo/run.sh drive it). Uno: iperf3 over the raw link, a bare OpenVPN tunnel and Causeway's path, then
/// failover times. Duo: a phone's throughput to the internet over TCP 443 against UDP 1194. Reports, never gates.
/// </summary>
public static class LabBenchCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var seconds = new Option<int>("--seconds") { Description = "Length of each iperf3 run.", DefaultValueFactory = _ => 5 };
        var rounds = new Option<int>("--rounds") { Description = "Uno: failover rounds (default 3). Duo: rounds of UDP then TCP (default 2).", DefaultValueFactory = _ => -1 };
        var output = new Option<string?>("--out") { Description = "Write the JSON report here." };
        var command = new Command("bench", "Benchmark a lab world: throughput and failover times.") { Hidden = true };
        world.AddTo(command);
        command.Options.Add(seconds);
        command.Options.Add(rounds);
        command.Options.Add(output);
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
                var lab = world.Read(parse);
                if (lab.Name == LabPaths.DuoWorld)
                {
                    var duo = await controller.BenchDuoAsync(lab, Math.Max(1, parse.GetValue(seconds)), parse.GetValue(rounds) is var r and >= 1 ? r : 2, ct);
                    await WriteAsync(parse.GetValue(output), JsonSerializer.Serialize(duo, LabJsonContext.Default.DuoBenchReport), ct);
                    RenderDuo(duo);
                    return 0;
                }

                var report = await controller.BenchAsync(lab, Math.Max(1, parse.GetValue(seconds)), parse.GetValue(rounds) is var n and >= 0 ? n : 3, ct);
                await WriteAsync(parse.GetValue(output), JsonSerializer.Serialize(report, LabJsonContext.Default.BenchReport), ct);

                var table = new Table().Border(TableBorder.Rounded).AddColumn("path").AddColumn("direction").AddColumn(new TableColumn("Mbit/s").RightAligned()).AddColumn(new TableColumn("retransmits").RightAligned());
                foreach (var run in report.Throughput)
                {
                    table.AddRow(run.Path, run.Direction, run.Error is null ? $"{run.MegabitsPerSecond:0.0}" : $"[red]{Markup.Escape(run.Error)}[/]", run.Retransmits.ToString());
                }

                AnsiConsole.Write(table);
                var failover = report.Failover;
                var times = new Table().Border(TableBorder.Rounded).AddColumn("failover").AddColumn("seconds per round");
                times.AddRow("provider killed -> gateway notices", Join(failover.DetectionSeconds));
                times.AddRow("provider back -> laptop online", Join(failover.RecoverySeconds));
                times.AddRow("Causeway's OpenVPN killed -> laptop online", Join(failover.OpenVpnRestartSeconds));
                AnsiConsole.Write(times);
                foreach (var error in failover.Errors)
                {
                    AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(error)}[/]");
                }

                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or TimeoutException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway lab bench: {e.Message}");
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

    private static string Join(IReadOnlyList<double> values) => values.Count == 0 ? "-" : string.Join("  ", values.Select(v => v.ToString("0.00")));
}
