namespace Causeway.Core.Pki;

/// <summary>
/// The rule for a file holding a secret that Causeway hands to OpenVPN as root (the provider password in
/// egress.auth, a private key or a tls-crypt key the profile names): root's alone, neither readable nor writable by
/// group or others. One rule, so that the auth file and the keys are judged alike.
/// </summary>
public static class SecretFilePermissions
{
    public const UnixFileMode GroupOrOthersReadWrite =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>What is wrong with the file's owner and mode, each with the command that fixes it; empty if nothing.</summary>
    /// <param name="path">The file, as the messages name it.</param>
    /// <param name="what">What the file holds, for the messages, e.g. "the provider password".</param>
    /// <param name="shownAs">How the messages name the file (an excerpt of a long path); the fixes use the path.</param>
    public static IReadOnlyList<(string Problem, string Fix)> Problems(string path, UnixFileMode mode, int ownerUid, string what, string? shownAs = null)
    {
        var problems = new List<(string, string)>();
        var name = shownAs ?? path;
        if (ownerUid != 0)
        {
            problems.Add(($"{name} is owned by uid {ownerUid}, not root: its owner can read and change {what}", $"chown root:root {ShellQuote(path)}"));
        }

        if ((mode & GroupOrOthersReadWrite) != 0)
        {
            problems.Add(($"{name} is readable or writable by group or others (mode {Octal(mode)}): it holds {what}", $"chmod 600 {ShellQuote(path)}"));
        }

        return problems;
    }

    /// <summary>A mode as ls and chmod spell it, e.g. 0644.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    /// <summary>A path as it can be pasted into a shell.</summary>
    public static string ShellQuote(string path) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '+' or ':' or '@' or '%' or '-')
            ? path
            : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
