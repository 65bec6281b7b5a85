using Causeway.Core.Model;

namespace Causeway.Core.Profiles;

/// <summary>A finding about one line of a provider profile.</summary>
/// <param name="File">The profile's path.</param>
/// <param name="Line">1-based line; 0 when the finding is about the file as a whole.</param>
/// <param name="Directive">The option the line holds (empty when the line could not be read).</param>
/// <param name="Message">What the line would do or what is wrong with it.</param>
/// <param name="Fix">What the user should do, if anything.</param>
public sealed record ProfileDiagnostic(
    DiagnosticSeverity Severity,
    string File,
    int Line,
    string Directive,
    string Message,
    string? Fix)
{
    /// <summary>
    /// Text from a profile made safe to print: control characters (a terminal escape sequence in an option name …)
    /// become <c>\xNN</c>.
    /// </summary>
    internal static string Printable(string text) =>
        text.Any(char.IsControl)
            ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()))
            : text;

    /// <summary><c>file:line: error: directive: message (fix)</c>, the shape compilers use, so editors can jump to it.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var directive = Directive.Length > 0 ? Directive + ": " : "";
        var fix = Fix is null ? "" : $" ({Fix})";
        return $"{where}: {severity}: {directive}{Message}{fix}";
    }
}
