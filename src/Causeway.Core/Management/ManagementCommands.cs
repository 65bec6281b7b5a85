using System.Globalization;
using System.Text;

namespace Causeway.Core.Management;

/// <summary>
/// Building commands for the management interface, and knowing what each one answers.
/// Quoting follows OpenVPN's config-file lexer: whitespace separates parameters, "..." keeps spaces, and inside
/// double quotes `\\` and `\"` stand for a backslash and a quote.
/// </summary>
public static class ManagementCommands
{
    /// <summary>The state history and live `>STATE:` events from now on, in one atomic step.</summary>
    public const string StateOnAll = "state on all";

    public const string HoldOff = "hold off";

    public const string HoldRelease = "hold release";

    public const string SignalTerminate = "signal SIGTERM";

    public const string Pid = "pid";

    public static string ByteCount(int seconds) => string.Create(CultureInfo.InvariantCulture, $"bytecount {seconds}");

    /// <summary>`username "Auth" "alice"`.</summary>
    public static string Username(string realm, string username) => $"username {Quote(realm)} {Quote(username)}";

    /// <summary>`password "Auth" "p@ss \"x\""`.</summary>
    public static string Password(string realm, string password) => $"password {Quote(realm)} {Quote(password)}";

    /// <summary>
    /// One parameter in double quotes, with backslashes and quotes escaped. A line break cannot be quoted: it would
    /// end the command and start another, so it is refused.
    /// </summary>
    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
        {
            throw new ArgumentException("a management command parameter cannot contain a line break or NUL", nameof(value));
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '\\' or '"')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// What <paramref name="command"/> answers (manage.c). `state`, `log` and `echo` take up to two parameters and
    /// answer each in turn: `on`/`off` with a SUCCESS line, `all`/N with a block ending in END (no parameter
    /// means `1`). `version N` answers nothing before management version 6 (OpenVPN 2.7).
    /// </summary>
    public static ReplyShape ShapeOf(string command, int managementVersion = 5)
    {
        var firstLine = command.Split('\n', 2)[0];
        var words = firstLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return ReplyShape.None;
        }

        switch (words[0].ToLowerInvariant())
        {
            case "state" or "log" or "echo":
                if (words.Length == 1)
                {
                    return ReplyShape.MultiLine;
                }

                return new ReplyShape([.. words.Skip(1).Take(2).Select(
                    w => w.ToLowerInvariant() is "on" or "off" ? ReplyPart.SingleLine : ReplyPart.MultiLine)]);
            case "status" or "help" or "net" or "remote-entry-get":
                return ReplyShape.MultiLine;
            case "version":
                if (words.Length == 1)
                {
                    return ReplyShape.MultiLine;
                }

                return managementVersion >= 6
                    && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clientVersion)
                    && clientVersion > 3
                    ? ReplyShape.SingleLine
                    : ReplyShape.None;
            case "exit" or "quit":
                return ReplyShape.None;
            default:
                return ReplyShape.SingleLine;
        }
    }
}
