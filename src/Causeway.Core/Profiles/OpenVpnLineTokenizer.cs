using System.Collections.Immutable;
using System.Text;

namespace Causeway.Core.Profiles;

/// <summary>
/// Splits one config line into parameters the way OpenVPN 2.6's <c>parse_line()</c> (src/openvpn/options.c) does,
/// state for state. The sanitizer judges what OpenVPN would see, so any difference here would be a way to smuggle
/// an option past it: e.g. <c>"up" x</c> is the option <c>up</c>, while <c>up"x"</c> is one (unknown) word.
/// </summary>
internal static class OpenVpnLineTokenizer
{
    /// <summary>OpenVPN's MAX_PARMS: it silently ignores anything after the 16th parameter of a line.</summary>
    public const int MaxParameters = 16;

    private enum State
    {
        Initial,
        Unquoted,
        DoubleQuoted,
        SingleQuoted,
        Done,
    }

    /// <param name="line">The line without its "\n".</param>
    /// <param name="endsWithNewline">
    /// Whether a "\n" followed: OpenVPN tokenizes the buffer fgets() filled, newline included, and a backslash right
    /// before that newline escapes it.
    /// </param>
    public static TokenizedLine Tokenize(string line, bool endsWithNewline)
    {
        var parameters = ImmutableArray.CreateBuilder<string>();
        var parameter = new StringBuilder();
        var state = State.Initial;
        var backslash = false;
        var input = endsWithNewline ? line + "\n" : line;

        // OpenVPN's loop also processes the terminating NUL, which counts as whitespace: it ends the last parameter.
        var i = 0;
        for (; i <= input.Length; i++)
        {
            var c = i < input.Length ? input[i] : '\0';
            var output = '\0';

            if (!backslash && c == '\\' && state != State.SingleQuoted)
            {
                backslash = true;
            }
            else
            {
                switch (state)
                {
                    case State.Initial when !IsSpace(c):
                        // A comment starts only where a parameter could: "remote a 1194 #x" has one, "a#b" does not.
                        // A backslash does not protect it either.
                        if (c is ';' or '#')
                        {
                            return TokenizedLine.Ok(parameters.ToImmutable());
                        }

                        if (!backslash && c == '"')
                        {
                            state = State.DoubleQuoted;
                        }
                        else if (!backslash && c == '\'')
                        {
                            state = State.SingleQuoted;
                        }
                        else
                        {
                            output = c;
                            state = State.Unquoted;
                        }

                        break;
                    case State.Unquoted:
                        if (!backslash && IsSpace(c))
                        {
                            state = State.Done;
                        }
                        else
                        {
                            output = c;
                        }

                        break;
                    case State.DoubleQuoted:
                        if (!backslash && c == '"')
                        {
                            state = State.Done;
                        }
                        else
                        {
                            output = c;
                        }

                        break;
                    case State.SingleQuoted:
                        if (c == '\'')
                        {
                            state = State.Done;
                        }
                        else
                        {
                            output = c;
                        }

                        break;
                    default:
                        break;
                }

                if (state == State.Done)
                {
                    parameters.Add(parameter.ToString());
                    parameter.Clear();
                    state = State.Initial;
                }

                if (backslash && output != '\0' && !(output == '\\' || output == '"' || IsSpace(output)))
                {
                    return TokenizedLine.Failed(
                        "bad backslash: OpenVPN treats a backslash as an escape and accepts only \\\\, \\\" and a backslash before a space");
                }

                backslash = false;
            }

            if (output != '\0')
            {
                parameter.Append(output);
            }

            if (parameters.Count >= MaxParameters)
            {
                break;
            }
        }

        if (parameters.Count >= MaxParameters && HasMoreParameters(input, i + 1))
        {
            return TokenizedLine.Failed($"more than {MaxParameters} parameters: OpenVPN would silently ignore the rest of the line");
        }

        return state switch
        {
            State.DoubleQuoted => TokenizedLine.Failed("no closing double quote (\")"),
            State.SingleQuoted => TokenizedLine.Failed("no closing single quote (')"),
            State.Unquoted => TokenizedLine.Failed("the line ends with a backslash, which OpenVPN rejects"),
            _ => TokenizedLine.Ok(parameters.ToImmutable()),
        };
    }

    /// <summary>OpenVPN's <c>space()</c>: NUL or C-locale isspace().</summary>
    public static bool IsSpace(char c) => c is '\0' or ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static bool HasMoreParameters(string input, int from)
    {
        for (var i = from; i < input.Length; i++)
        {
            if (!IsSpace(input[i]))
            {
                return input[i] is not ('#' or ';');
            }
        }

        return false;
    }
}
