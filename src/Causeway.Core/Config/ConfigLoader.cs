using System.Collections.Immutable;
using Causeway.Core.Model;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Causeway.Core.Config;

/// <summary>
/// Config file text → validated <see cref="CausewaySettings"/>, or every problem with its file:line:column.
/// Pure: the caller reads the file (see Causeway.Engine.Preflight.ConfigReader) and checks the files it names.
/// </summary>
/// <remarks>
/// Three passes: Tomlyn's parser (malformed TOML, with positions), a walk over the syntax tree (positions of every
/// key, unknown keys, wrong types; the offending nodes are taken out), then binding with the source-generated
/// <see cref="ConfigTomlContext"/> and the semantic checks of <see cref="ConfigValidator"/>.
/// </remarks>
public static class ConfigLoader
{
    /// <param name="text">The file's content.</param>
    /// <param name="path">
    /// The file's path: named in every diagnostic, and the base of relative paths in the file. Pass an absolute
    /// path so that the paths in the settings are absolute too.
    /// </param>
    public static ConfigLoadResult Load(string text, string path)
    {
        if (ConfigText.CheckNesting(text, path) is { } tooDeep)
        {
            return new ConfigLoadResult(null, [tooDeep], ConfigSourceMap.Empty(path));
        }

        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, path, validate: true);
        }
        catch (Exception exception) when (exception is TomlException or InsufficientExecutionStackException)
        {
            // Tomlyn throws past a depth of 64; not expected after the nesting check, and bad input all the same.
            return new ConfigLoadResult(null, [ConfigDiagnostic.Error(path, ConfigSourcePosition.None, $"invalid TOML: {exception.Message}")], ConfigSourceMap.Empty(path));
        }

        if (document.HasErrors)
        {
            return new ConfigLoadResult(null, SyntaxErrors(document, path), ConfigSourceMap.Empty(path));
        }

        var checker = new ConfigSyntaxChecker(path);
        checker.Check(document);
        var sources = checker.Sources;
        var diagnostics = new List<ConfigDiagnostic>(checker.Diagnostics);

        ConfigDocument bound;
        try
        {
            // What is left after the walk has only known keys with values of the right type.
            var bindable = checker.RemovedAny ? document.ToString() : text;
            bound = TomlSerializer.Deserialize(bindable, ConfigTomlContext.Default.ConfigDocument) ?? new ConfigDocument();
        }
        catch (TomlException exception)
        {
            // Not expected after the walk; report rather than throw, positions as Tomlyn gives them.
            diagnostics.AddRange(BindingErrors(exception, path));
            return new ConfigLoadResult(null, Sorted(diagnostics), sources);
        }

        var validator = new ConfigValidator(sources, checker.RemovedPaths);
        var settings = validator.Validate(bound, path);
        diagnostics.AddRange(validator.Diagnostics);
        var hasErrors = diagnostics.Any(d => d.IsError);
        return new ConfigLoadResult(hasErrors ? null : settings, Sorted(diagnostics), sources);
    }

    /// <summary>The file's bytes, as read: checked to be UTF-8 before they are parsed (see <see cref="Load(string, string)"/>).</summary>
    public static ConfigLoadResult Load(ReadOnlySpan<byte> bytes, string path) =>
        ConfigText.Decode(bytes, path, out var error) is { } text
            ? Load(text, path)
            : new ConfigLoadResult(null, [error!], ConfigSourceMap.Empty(path));

    /// <summary>
    /// Tomlyn's parse errors, at most one per line: its recovery reports follow-on errors for the rest of a broken
    /// line (and at the start of the next), and after an unterminated string everything that follows is misread,
    /// so the report stops there.
    /// </summary>
    private static ImmutableArray<ConfigDiagnostic> SyntaxErrors(DocumentSyntax document, string path)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var lines = new HashSet<int>();
        var lineAfterSwallowedNewline = 0;
        foreach (var message in document.Diagnostics.OrderBy(m => m.Span.Start.Offset))
        {
            var at = new ConfigSourcePosition(message.Span.Start.Line + 1, message.Span.Start.Column + 1);

            // "Expecting a newline" before the first token of a line is the previous line's error, seen again.
            // An error ON a line's newline (`[overlay` without its `]`) makes the parser swallow that newline and
            // misread the next line as the rest of the broken one ("Unexpected token [=]" at its `=`): one
            // mistake, one error.
            var followOn = (at.Column == 1 && diagnostics.Count > 0
                && message.Message.Contains("expecting token `newline`", StringComparison.OrdinalIgnoreCase))
                || at.Line == lineAfterSwallowedNewline;
            if (followOn || !lines.Add(at.Line))
            {
                continue;
            }

            if (message.Message.Contains("(token: `newline`)", StringComparison.Ordinal))
            {
                lineAfterSwallowedNewline = at.Line + 1;
            }

            var severity = message.Kind == DiagnosticMessageKind.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            var unterminated = message.Message.Contains("newline in a string", StringComparison.OrdinalIgnoreCase)
                || message.Message.Contains("End-Of-File found on string", StringComparison.OrdinalIgnoreCase);
            var fix = unterminated
                ? "close the string with a quote on the same line; use \"\"\" for text over several lines"
                : message.Message.Contains("expecting a value", StringComparison.OrdinalIgnoreCase)
                    || message.Message.Contains("for a value", StringComparison.OrdinalIgnoreCase)
                    ? "give a value after '=', e.g. a \"string\", a number or true/false"
                    : null;
            diagnostics.Add(new ConfigDiagnostic(severity, path, at.Line, at.Column, $"invalid TOML: {message.Message}", fix));
            if (unterminated)
            {
                break;
            }
        }

        return [.. diagnostics];
    }

    private static IEnumerable<ConfigDiagnostic> BindingErrors(TomlException exception, string path)
    {
        var messages = exception.Diagnostics?.ToList() ?? [];
        if (messages.Count == 0)
        {
            var at = exception.Line is { } line ? new ConfigSourcePosition(line, exception.Column ?? 1) : ConfigSourcePosition.None;
            yield return ConfigDiagnostic.Error(path, at, $"reading the config: {exception.Message}");
            yield break;
        }

        foreach (var message in messages)
        {
            var at = new ConfigSourcePosition(message.Span.Start.Line + 1, message.Span.Start.Column + 1);
            yield return ConfigDiagnostic.Error(path, at, $"reading the config: {message.Message}");
        }
    }

    /// <summary>File order; findings with no position (a required key nobody wrote) last.</summary>
    private static ImmutableArray<ConfigDiagnostic> Sorted(IEnumerable<ConfigDiagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Line == 0 ? int.MaxValue : d.Line).ThenBy(d => d.Column)];
}
