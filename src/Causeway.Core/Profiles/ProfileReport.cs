using System.Collections.Immutable;
using Causeway.Core.Model;

namespace Causeway.Core.Profiles;

/// <summary>
/// What `plan` and `up` print about the provider profile: the findings worth reading one by one, a bounded number of
/// them (a 3 MB file of junk is a few lines, not 17 MB), whether the profile was accepted, and one line for the
/// routine drops every provider's profile has (dev, routes, keepalive …), which <c>--verbose</c> lists.
/// </summary>
public static class ProfileReport
{
    /// <summary>Findings listed one by one; past this, a count. Errors are listed before warnings.</summary>
    public const int MaxListed = 20;

    /// <summary>With --verbose: routine drops too, up to this many.</summary>
    public const int MaxListedVerbose = 200;

    /// <param name="path">The profile, as the lines name it.</param>
    /// <param name="findings">Everything found in the profile and in the config rendered from it.</param>
    /// <param name="accepted">The profile, when nothing stops it from being used.</param>
    /// <param name="verbose">List routine drops one by one instead of counting them.</param>
    public static ImmutableArray<string> Lines(string path, IReadOnlyList<ProfileDiagnostic> findings, SanitizedProfile? accepted, bool verbose)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        var listed = verbose ? findings : [.. findings.Where(f => !f.IsRoutine)];
        var max = verbose ? MaxListedVerbose : MaxListed;

        // Errors first when not all fit: they are what stops the command.
        var shown = listed.Count <= max
            ? listed
            : [.. listed.Where(IsError).Take(max).Concat(listed.Where(f => !IsError(f)).Take(Math.Max(0, max - listed.Count(IsError))))
                .OrderBy(f => f.Line == 0 ? int.MaxValue : f.Line)];
        lines.AddRange(shown.Select(f => f.ToString()));
        if (listed.Count > shown.Count)
        {
            var errors = listed.Count(IsError) - shown.Count(IsError);
            var warnings = listed.Count - shown.Count - errors;
            var counts = string.Join(", ", new[] { (errors, "error"), (warnings, "warning") }.Where(c => c.Item1 > 0).Select(c => Count(c.Item1, c.Item2)));
            var hint = errors > 0 ? "; is this an OpenVPN profile?" : "";
            lines.Add($"{path}: … and {listed.Count - shown.Count} more not shown ({counts}): fix the ones above first{hint}");
        }

        if (accepted is not null)
        {
            lines.Add($"profile {path}: accepted ({Count(accepted.Directives.Length + accepted.InlineBlocks.Length, "line")} kept)");
            var routine = findings.Count(f => f.IsRoutine);
            if (!verbose && routine > 0)
            {
                lines.Add($"profile {path}: {Count(routine, "provider line")} dropped, as expected; `--verbose` lists {(routine == 1 ? "it" : "them")}");
            }
        }

        return lines.ToImmutable();
    }

    private static bool IsError(ProfileDiagnostic finding) => finding.Severity == DiagnosticSeverity.Error;

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
