using System.CommandLine;
using System.Text.Json;
using Causeway.Lab.Json;
using Spectre.Console;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway lab bench [world] [--seconds N] [--rounds N] [--out FILE]` (hidden; bench/uno/run.sh drives it):
/// iperf3 over the raw link, a bare OpenVPN tunnel and Causeway's path, then failover times. Reports, never gates.
/// </summary>
public static class LabBenchCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var seconds = new Option<int>("--seconds") { Description = "Length of each iperf3 run.", DefaultValueFactory = _ => 5 };
        var rounds = new Option<int>("--rounds") { Description = "Failover rounds.", DefaultValueFactory = _ => 3 };
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
                var report = await controller.BenchAsync(world.Read(parse), Math.Max(1, parse.GetValue(seconds)), Math.Max(0, parse.GetValue(rounds)), ct);
                var json = JsonSerializer.Serialize(report, LabJsonContext.Default.BenchReport);
                if (parse.GetValue(output) is { } path)
                {
                    await File.WriteAllTextAsync(path, json + "\n", ct);
                }

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

    private static string Join(IReadOnlyList<double> values) => values.Count == 0 ? "-" : string.Join("  ", values.Select(v => v.ToString("0.00")));
}
