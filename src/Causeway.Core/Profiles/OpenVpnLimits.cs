using System.Text;

namespace Causeway.Core.Profiles;

/// <summary>
/// What OpenVPN 2.6 accepts of one option line in a config file (read_config_file() and parse_line() in
/// options.c): it reads a line with fgets() into OPTION_LINE_SIZE (256) bytes and refuses the whole config when a
/// line fills them ("Maximum option line length (256) exceeded"), so an option line holds at most
/// <see cref="MaxLineBytes"/> bytes before its "\n"; and it keeps at most MAX_PARMS (16) words of a line, the
/// option's name included, silently dropping the rest. Lines inside inline blocks (&lt;ca&gt; …) are read in pieces
/// and joined, so neither limit applies to them. What Causeway writes is checked against these after quoting
/// (<see cref="OpenVpnQuoting"/>), which can make a line longer than the one it came from.
/// </summary>
public static class OpenVpnLimits
{
    /// <summary>The longest option line, in bytes, without its "\n".</summary>
    public const int MaxLineBytes = ProfileParser.MaxLineBytes;

    /// <summary>MAX_PARMS: the option's name and its parameters.</summary>
    public const int MaxWords = 16;

    /// <summary>The line Causeway would write for this option, as written.</summary>
    public static string Line(string name, IReadOnlyList<string> arguments) => OpenVpnQuoting.Line(name, arguments);

    /// <summary>Why OpenVPN would not read this option line as written; null when it would.</summary>
    public static string? Problem(string name, IReadOnlyList<string> arguments)
    {
        if (arguments.Count + 1 > MaxWords)
        {
            return $"{arguments.Count} parameters: OpenVPN reads at most {MaxWords} words of a line, {MaxWords - 1} after the option's name, and silently drops the rest";
        }

        var line = Line(name, arguments);
        var bytes = Encoding.UTF8.GetByteCount(line);
        if (bytes <= MaxLineBytes)
        {
            return null;
        }

        var unquoted = Encoding.UTF8.GetByteCount(name) + arguments.Sum(a => Encoding.UTF8.GetByteCount(a) + 1);
        var quoting = bytes > unquoted ? $" ({bytes - unquoted} of them quotes and escapes)" : string.Empty;
        // No C names (OPTION_LINE_SIZE) in the message: it is for the user, and they look like untranslated resource keys.
        return $"written for OpenVPN, the line would be {bytes} bytes{quoting}: OpenVPN reads at most {MaxLineBytes} per option line (256 with the newline) and would refuse the whole config";
    }
}
