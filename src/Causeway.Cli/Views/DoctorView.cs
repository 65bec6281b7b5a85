using Causeway.Core.Doctor;

namespace Causeway.Cli.Views;

/// <summary>
/// `causeway doctor` for a person: one line per finding with a mark (✓ ok, ! warning, ✗ problem, ? not checked), the
/// fix indented under warnings and problems, and what would let the unchecked ones be checked. Plain text, no colour:
/// it reads the same in a terminal, a log and a pasted bug report.
/// </summary>
public static class DoctorView
{
    private const string Indent = "      ";

    public static void Render(TextWriter output, DoctorReport report)
    {
        output.WriteLine($"causeway doctor: {report.Config ?? "no config"}{(report.Root ? ", as root" : ", not as root")}");
        var width = report.Findings.Max(f => f.Id.Length);
        foreach (var finding in report.Findings)
        {
            var lines = finding.Seen.Split('\n');
            output.WriteLine($"{Mark(finding.Severity)} {finding.Id.PadRight(width)}  {lines[0]}");
            foreach (var line in lines.Skip(1))
            {
                output.WriteLine($"{Indent}{line}");
            }

            if (finding.Fix is { } fix)
            {
                output.WriteLine($"{Indent}{(finding.Severity == DoctorSeverity.Unchecked ? "to check it" : "fix")}: {fix}");
            }
        }

        output.WriteLine(Summary(report));
    }

    public static string Mark(DoctorSeverity severity) => severity switch
    {
        DoctorSeverity.Ok => "✓",
        DoctorSeverity.Warning => "!",
        DoctorSeverity.Problem => "✗",
        _ => "?",
    };

    private static string Summary(DoctorReport report)
    {
        var s = report.Summary;
        var parts = new List<string> { $"{s.Ok} ok" };
        if (s.Warnings > 0)
        {
            parts.Add(s.Warnings == 1 ? "1 warning" : $"{s.Warnings} warnings");
        }

        parts.Add(s.Problems == 1 ? "1 problem" : $"{s.Problems} problems");
        if (s.Unchecked > 0)
        {
            parts.Add($"{s.Unchecked} not checked{(report.Root ? string.Empty : " (sudo causeway doctor checks more)")}");
        }

        return string.Join(", ", parts);
    }
}
