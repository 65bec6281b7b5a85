namespace Causeway.Core.Profiles;

/// <summary>Writes a parameter so that OpenVPN's tokenizer reads back exactly that string, and nothing more.</summary>
internal static class OpenVpnQuoting
{
    public static string Quote(string value) =>
        value.Length > 0 && value.All(IsPlain)
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A whole option line: name and quoted parameters.</summary>
    public static string Line(string name, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(Quote).Prepend(name));

    // Anything the tokenizer treats specially (whitespace, quotes, backslash, comment starts) goes in double quotes.
    private static bool IsPlain(char c) => c is > ' ' and < '\x7f' and not ('"' or '\'' or '\\' or '#' or ';');
}
