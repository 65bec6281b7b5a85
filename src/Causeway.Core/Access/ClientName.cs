using System.Diagnostics.CodeAnalysis;

namespace Causeway.Core.Access;

/// <summary>
/// The name of an access client, e.g. "phone" or "anna-laptop". It becomes the certificate's common name (what
/// OpenVPN logs and `client-kill` finds), a client-config-dir file name and the profile's file name, so it is kept
/// to characters that are safe in all of them. Names are unique regardless of case.
/// </summary>
public sealed record ClientName
{
    public const int MaximumLength = 32;

    private ClientName(string value) => Value = value;

    public string Value { get; }

    /// <summary>Null when <paramref name="text"/> is a usable name, else what is wrong with it (to follow "client name \"x\" ").</summary>
    public static string? Problem(string text)
    {
        if (text.Length == 0)
        {
            return "is empty";
        }

        if (text.Length > MaximumLength)
        {
            return $"is {text.Length} characters long; at most {MaximumLength}";
        }

        if (!char.IsAsciiLetterOrDigit(text[0]))
        {
            return "must start with a letter or a digit";
        }

        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return "may only have letters, digits, '-', '_' and '.' (it becomes the certificate's name and a file name)";
        }

        // OpenVPN's client-config-dir applies the file named DEFAULT to every client without a file of its own.
        if (string.Equals(text, "DEFAULT", StringComparison.OrdinalIgnoreCase))
        {
            return "is reserved: OpenVPN gives the client-config-dir file DEFAULT to every client";
        }

        return null;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out ClientName? name, [NotNullWhen(false)] out string? problem)
    {
        problem = Problem(text);
        name = problem is null ? new ClientName(text) : null;
        return name is not null;
    }

    /// <exception cref="AccessClientException">The name is not usable; the message says why and what to use.</exception>
    public static ClientName Parse(string text) =>
        TryParse(text, out var name, out var problem)
            ? name
            : throw new AccessClientException(
                $"client name \"{Printable(text)}\" {problem}: use 1 to {MaximumLength} letters, digits, '-', '_' or '.', starting with a letter or digit, e.g. \"anna-phone\"");

    /// <summary>The same client: names compare without regard to case.</summary>
    public bool Matches(string other) => string.Equals(Value, other, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Value;

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
}
