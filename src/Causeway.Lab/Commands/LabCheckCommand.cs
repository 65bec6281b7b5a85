using System.CommandLine;
using System.Text.Json;
using Causeway.Lab.Json;
using Spectre.Console;

namespace Causeway.Lab.Commands;

/// <summary>
/// `causeway-lab check [world] [--json]`: runs the world's checks and prints each with its evidence; exits
/// non-zero if any failed. With --json, progress goes to stderr and only the report to stdout.
/// </summary>
public static class LabCheckCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var json = new Option<bool>("--json") { Description = "Print {\"world\":..,\"checks\":[{\"name\",\"passed\",\"detail\"}]} only." };
        var command = new Command("check", "Check the lab world with evidence: egress, DNS, kill switch and its negative control, recovery, clean down (duo: phones over UDP and TCP, overlay, revocation, stock profiles).");
        world.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            if (!LabWorldOptions.EnsureRoot("check"))
            {
                return 1;
            }

            var asJson = parse.GetValue(json);
            var (controller, lifetime) = LabWorldOptions.Compose(asJson ? Console.Error : Console.Out);
            using var _ = lifetime;
            try
            {
                var report = await controller.CheckAsync(world.Read(parse), ct);
                if (asJson)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(report, LabJsonContext.Default.LabCheckReport));
                }
                else
                {
                    // The evidence was printed as the checks ran; the summary names results, and repeats the
                    // evidence of failures only.
                    var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("result");
                    foreach (var check in report.Checks)
                    {
                        table.AddRow(Markup.Escape(check.Name), check.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
                    }

                    AnsiConsole.Write(table);
                    foreach (var check in report.Checks.Where(c => !c.Passed))
                    {
                        AnsiConsole.MarkupLine($"[red]FAIL[/] [bold]{Markup.Escape(check.Name)}[/]: {Markup.Escape(check.Detail)}");
                    }

                    var failed = report.Checks.Count(c => !c.Passed);
                    AnsiConsole.MarkupLine(failed == 0
                        ? $"[green]all {report.Checks.Count} checks passed[/]"
                        : $"[red]{failed} of {report.Checks.Count} checks failed[/]");
                }

                return report.Passed ? 0 : 1;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or TimeoutException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab check: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
