using System.Buffers;
using System.Text;

namespace Causeway.Core.Config;

/// <summary>
/// What is checked of the config's bytes before the TOML parser sees them: UTF-8 (TOML's only encoding: the
/// parser would report bytes that are not as an "invalid UTF-16 surrogate sequence"), and nesting no deeper than
/// <see cref="MaxNesting"/> (the parser recurses per level: ten thousand `[` exhaust its stack).
/// </summary>
internal static class ConfigText
{
    /// <summary>Arrays and inline tables, one inside another. Causeway's own keys need 2; TOML allows any depth.</summary>
    public const int MaxNesting = 32;

    private const string SaveAsUtf8 = "save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8, or your editor's \"save with encoding\")";

    /// <summary>The text, or the one error that says why the bytes are not a UTF-8 text file.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string path, out ConfigDiagnostic? error)
    {
        error = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            error = ConfigDiagnostic.Error(path, new ConfigSourcePosition(1, 1),
                "the file is not UTF-8 (line 1): it is UTF-16 (it starts with a UTF-16 byte order mark)", SaveAsUtf8);
            return null;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var line = 1;
        var column = 1;
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                error = ConfigDiagnostic.Error(path, new ConfigSourcePosition(line, column),
                    $"the file is not UTF-8 (line {line}): byte 0x{rest[0]:X2} at column {column} is not valid UTF-8", SaveAsUtf8);
                return null;
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            rest = rest[consumed..];
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// The position where arrays and inline tables first nest deeper than <see cref="MaxNesting"/>, or null. A small
    /// TOML lexer: brackets and braces inside strings and comments do not count.
    /// </summary>
    public static ConfigDiagnostic? CheckNesting(string text, string path)
    {
        var depth = 0;
        var line = 1;
        var column = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            column++;
            switch (c)
            {
                case '\n':
                    line++;
                    column = 0;
                    break;
                case '#':
                    i = SkipTo(text, i, "\n") - 1;
                    break;
                case '"' or '\'':
                    var quote = c.ToString();
                    var triple = string.Concat(quote, quote, quote);
                    var end = string.CompareOrdinal(text, i, triple, 0, 3) == 0
                        ? SkipString(text, i + 3, triple, escapes: c == '"')
                        : SkipString(text, i + 1, quote, escapes: c == '"', singleLine: true);
                    for (var j = i + 1; j < end && j < text.Length; j++)
                    {
                        if (text[j] == '\n')
                        {
                            line++;
                            column = 0;
                        }
                        else
                        {
                            column++;
                        }
                    }

                    i = end - 1;
                    break;
                case '[' or '{':
                    if (++depth > MaxNesting)
                    {
                        return ConfigDiagnostic.Error(path, new ConfigSourcePosition(line, column),
                            $"arrays and inline tables are nested more than {MaxNesting} deep here; no Causeway key needs more than 2",
                            "this is not a Causeway config: check the file (examples/causeway.toml shows every key)");
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return null;
    }

    /// <summary>The index just after the closing <paramref name="close"/> (or the end of the text).</summary>
    private static int SkipString(string text, int from, string close, bool escapes, bool singleLine = false)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (escapes && text[i] == '\\')
            {
                i++;
                continue;
            }

            if (singleLine && text[i] == '\n')
            {
                // An unterminated string: the parser reports it; the next line is read afresh.
                return i;
            }

            if (string.CompareOrdinal(text, i, close, 0, close.Length) == 0)
            {
                return i + close.Length;
            }
        }

        return text.Length;
    }

    private static int SkipTo(string text, int from, string what)
    {
        var at = text.IndexOf(what, from, StringComparison.Ordinal);
        return at < 0 ? text.Length : at;
    }
}
