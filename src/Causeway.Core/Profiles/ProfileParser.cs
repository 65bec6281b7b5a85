using System.Collections.Immutable;
using System.Text;
using Causeway.Core.Model;

namespace Causeway.Core.Profiles;

/// <summary>
/// Reads an OpenVPN config file the way OpenVPN 2.6 reads it (<c>read_config_file()</c> in options.c): lines end at
/// "\n" only ("\r" is whitespace), a UTF-8 BOM is skipped on the first line, "#" and ";" start comments, quotes and
/// backslashes as in <see cref="OpenVpnLineTokenizer"/>, a leading "--" on the option name is dropped, and a line
/// holding only <c>&lt;name&gt;</c> opens an inline block that ends at the first line starting (after whitespace)
/// with <c>&lt;/name&gt;</c>. It judges nothing: <see cref="ProfileSanitizer"/> does.
/// </summary>
public static class ProfileParser
{
    /// <summary>
    /// OpenVPN reads lines with fgets() into 256 bytes: a longer option line is fatal, and inside an inline block it
    /// is silently cut in pieces, the second of which could start with the closing tag and end the block early.
    /// 254 bytes plus "\n" is the longest line that is read whole.
    /// </summary>
    public const int MaxLineBytes = 254;

    private const char ByteOrderMark = '\uFEFF';

    /// <summary>How much of the start of a file tells its encoding.</summary>
    private const int Sample = 512;

    /// <summary>
    /// The profile as the file's bytes: UTF-8 as OpenVPN reads it (a UTF-8 BOM is skipped on line 1, as OpenVPN does;
    /// anything else is taken as it is). UTF-16, with a BOM or without, is one error rather than one per line.
    /// </summary>
    public static OvpnProfile Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || MostlyNul(bytes[..Math.Min(bytes.Length, Sample)]))
        {
            return NotUtf8(path);
        }

        return Parse(Encoding.UTF8.GetString(bytes), path);
    }

    public static OvpnProfile Parse(string text, string path)
    {
        if (MostlyNul(text.AsSpan(0, Math.Min(text.Length, Sample))))
        {
            return NotUtf8(path);
        }

        var diagnostics = ImmutableArray.CreateBuilder<ProfileDiagnostic>();
        var directives = ImmutableArray.CreateBuilder<OvpnDirective>();
        var lines = SplitLines(text);

        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (!IsReadable(line, path, diagnostics))
            {
                continue;
            }

            var tokens = OpenVpnLineTokenizer.Tokenize(line.Text, line.EndsWithNewline);
            if (tokens.Error is not null)
            {
                diagnostics.Add(Error(path, line.Number, FirstWord(line.Text), tokens.Error, "fix the quoting of this line"));
                continue;
            }

            if (tokens.Parameters.IsEmpty)
            {
                continue;
            }

            // bypass_doubledash(): "--up x" in a file is the option up. OpenVPN does this before it looks for "<tag>".
            var name = tokens.Parameters[0].StartsWith("--", StringComparison.Ordinal)
                ? tokens.Parameters[0][2..]
                : tokens.Parameters[0];

            if (tokens.Parameters.Length == 1 && name.Length >= 2 && name[0] == '<' && name[^1] == '>')
            {
                var blockName = name[1..^1];
                var end = FindBlockEnd(lines, index + 1, "</" + blockName + ">");
                if (end < 0)
                {
                    diagnostics.Add(Error(
                        path,
                        line.Number,
                        blockName,
                        $"the <{blockName}> block opened here is never closed: OpenVPN would refuse the whole file",
                        $"add a line </{blockName}> after the block's content"));
                    break;
                }

                var content = new StringBuilder();
                for (var inner = index + 1; inner < end; inner++)
                {
                    if (IsReadable(lines[inner], path, diagnostics))
                    {
                        content.Append(lines[inner].Text).Append('\n');
                    }
                }

                directives.Add(new OvpnDirective(blockName, [], line.Number, content.ToString()));
                index = end;
                continue;
            }

            directives.Add(new OvpnDirective(name, tokens.Parameters[1..], line.Number));
        }

        return new OvpnProfile(path, directives.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>
    /// Whether text starts like UTF-16 (or UTF-32) read byte by byte: ASCII there has a NUL next to every character.
    /// A stray NUL in a UTF-8 file is an error of its line, not this.
    /// </summary>
    internal static bool MostlyNul<T>(ReadOnlySpan<T> start)
        where T : IEquatable<T>
    {
        var nul = 0;
        foreach (var unit in start)
        {
            nul += unit.Equals(default!) ? 1 : 0;
        }

        return start.Length >= 4 && nul * 4 >= start.Length;
    }

    private static OvpnProfile NotUtf8(string path) => new(
        path,
        [],
        [
            new ProfileDiagnostic(
                DiagnosticSeverity.Error,
                path,
                0,
                "",
                "the profile is UTF-16 text (what Windows calls \"Unicode\"), which OpenVPN cannot read: it takes the NUL byte in every character as the end of the line",
                $"save it as UTF-8 (in Notepad: Save as, Encoding UTF-8), or convert it: iconv -f UTF-16 -t UTF-8 {Pki.SecretFilePermissions.ShellQuote(path)} > provider-utf8.ovpn"),
        ]);

    private static List<PhysicalLine> SplitLines(string text)
    {
        var lines = new List<PhysicalLine>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var lineText = text[start..end];
            var extraBytes = 0;
            if (lines.Count == 0 && lineText.Length > 0 && lineText[0] == ByteOrderMark)
            {
                // OpenVPN skips the BOM's three bytes on line 1 only, but they still count toward its line length.
                lineText = lineText[1..];
                extraBytes = 3;
            }

            lines.Add(new PhysicalLine(lines.Count + 1, lineText, newline >= 0, extraBytes));
            start = newline < 0 ? text.Length : newline + 1;
        }

        return lines;
    }

    private static int FindBlockEnd(List<PhysicalLine> lines, int from, string closeTag)
    {
        for (var i = from; i < lines.Count; i++)
        {
            var text = lines[i].Text;
            var first = 0;
            while (first < text.Length && OpenVpnLineTokenizer.IsSpace(text[first]))
            {
                first++;
            }

            // OpenVPN compares only the start of the line: "</ca> anything" closes the block too.
            if (text.AsSpan(first).StartsWith(closeTag, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Rejects lines OpenVPN would read differently from how they look.</summary>
    private static bool IsReadable(PhysicalLine line, string path, ImmutableArray<ProfileDiagnostic>.Builder diagnostics)
    {
        if (line.Text.Contains('\0', StringComparison.Ordinal))
        {
            diagnostics.Add(Error(
                path,
                line.Number,
                "",
                "the line contains a NUL byte: OpenVPN would stop reading the line there",
                "remove the NUL byte (is this a binary file?)"));
            return false;
        }

        var bytes = Encoding.UTF8.GetByteCount(line.Text) + line.ExtraBytes;
        if (bytes > MaxLineBytes)
        {
            diagnostics.Add(Error(
                path,
                line.Number,
                FirstWord(line.Text),
                $"the line is {bytes} bytes long: OpenVPN reads at most {MaxLineBytes} bytes per line and would read the rest as a separate line",
                "shorten or wrap the line"));
            return false;
        }

        return true;
    }

    private static string FirstWord(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny(" \t\r\v\f");
        var word = end < 0 ? trimmed : trimmed[..end];
        return word.Length > 40 || word.StartsWith("#") || word.StartsWith(";") ? "" : word.ToString();
    }

    private static ProfileDiagnostic Error(string path, int line, string directive, string message, string fix) =>
        new(DiagnosticSeverity.Error, path, line, ProfileDiagnostic.Printable(directive), message, ProfileDiagnostic.Printable(fix));
}
