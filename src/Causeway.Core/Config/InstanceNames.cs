using System.Text.RegularExpressions;

namespace Causeway.Core.Config;

/// <summary>
/// Instance names ([instance] name): they go into nft comments and log lines, so only characters that are safe there.
/// </summary>
internal static partial class InstanceNames
{
    public const string Rule = "1 to 32 letters, digits, '-', '_' or '.', starting with a letter or digit";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex Pattern();
}
