using Causeway.Core.Model;

namespace Causeway.Core.Profiles;

/// <summary>A finding about one line of a provider profile.</summary>
/// <param name="File">The profile's path.</param>
/// <param name="Line">1-based line; 0 when the finding is about the file as a whole.</param>
/// <param name="Directive">The option the line holds (empty when the line could not be read).</param>
/// <param name="Message">What the line would do or what is wrong with it.</param>
/// <param name="Fix">What the user should do, if anything.</param>
/// <param name="IsRoutine">
/// A line Causeway drops from every provider's profile (dev, routes, keepalive, auth-user-pass …): a warning that
/// is summed up in one line, and listed only on request (<c>--verbose</c>).
/// </param>
public sealed record ProfileDiagnostic(
    DiagnosticSeverity Severity,
    string File,
    int Line,
    string Directive,
    string Message,
    string? Fix,
    bool IsRoutine = false)
{
    /// <summary>The most characters of profile text a message quotes: enough to recognise the line, never a whole secret.</summary>
    public const int ExcerptLength = 60;

    /// <summary>
    /// Text from a profile made safe to print: control characters (a terminal escape sequence in an option name …)
    /// become <c>\xNN</c>.
    /// </summary>
    internal static string Printable(string text) =>
        text.Any(IsUnprintable)
            ? string.Concat(text.Select(c => !IsUnprintable(c) ? c.ToString() : c <= '\xff' ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}"))
            : text;

    /// <summary>
    /// Text from a profile as a message may quote it: printable (<see cref="Printable"/>) and at most
    /// <paramref name="max"/> characters, the middle cut out (so a long path keeps its start and its file name).
    /// </summary>
    internal static string Excerpt(string text, int max = ExcerptLength)
    {
        if (text.Length > max)
        {
            // Cut before escaping, so that an excerpt of control characters stays short too (at most 6 per character).
            var head = (max * 2 / 3) - 1;
            var tail = text.Length - (max / 3);
            head -= char.IsHighSurrogate(text[head - 1]) ? 1 : 0;
            tail += char.IsLowSurrogate(text[tail]) ? 1 : 0;
            text = string.Concat(text.AsSpan(0, head), "…", text.AsSpan(tail));
        }

        return Printable(text);
    }

    /// <summary>Control characters, and the ones that reorder or break the line a terminal shows (bidi overrides).</summary>
    private static bool IsUnprintable(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    /// <summary><c>file:line: error: directive: message (fix)</c>, the shape compilers use, so editors can jump to it.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : IsRoutine ? "note" : "warning";
        var directive = Directive.Length > 0 ? Directive + ": " : "";
        var fix = Fix is null ? "" : $" ({Fix})";
        return $"{where}: {severity}: {directive}{Message}{fix}";
    }
}
