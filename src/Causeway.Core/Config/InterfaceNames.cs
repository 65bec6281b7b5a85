using System.Text.RegularExpressions;

namespace Causeway.Core.Config;

/// <summary>
/// Linux interface names as Causeway accepts them: what the kernel accepts (at most 15 bytes, IFNAMSIZ - 1), narrowed
/// to characters that are safe inside nft rules and ip arguments, and without "%" (a template for the kernel to fill).
/// </summary>
internal static partial class InterfaceNames
{
    public const int MaximumLength = 15;

    /// <summary>Null when the name is fine, else what is wrong with it.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (name.Length > MaximumLength)
        {
            return $"is {name.Length} characters long; Linux interface names have at most {MaximumLength}";
        }

        if (name is "." or ".." || !Allowed().IsMatch(name))
        {
            return "is not a valid interface name (letters, digits, '-', '_' and '.' only)";
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")]
    private static partial Regex Allowed();
}
