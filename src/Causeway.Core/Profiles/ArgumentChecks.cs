using System.Collections.Immutable;
using System.Globalization;

namespace Causeway.Core.Profiles;

/// <summary>
/// Small checks for the parameters of kept options. OpenVPN would refuse most bad values at start too, but only
/// one at a time and without naming the profile's line: these report them all, up front, with the line.
/// </summary>
internal static class ArgumentChecks
{
    /// <summary>Checks the parameters present, position by position.</summary>
    public static Func<ImmutableArray<string>, string?> Positional(params Func<string, string?>[] checks) => args =>
    {
        for (var i = 0; i < args.Length && i < checks.Length; i++)
        {
            if (checks[i](args[i]) is { } problem)
            {
                return $"parameter {i + 1} ('{ProfileDiagnostic.Excerpt(args[i])}') {problem}";
            }
        }

        return null;
    };

    /// <summary>The same check for every parameter (lists such as remote-cert-ku).</summary>
    public static Func<ImmutableArray<string>, string?> Each(Func<string, string?> check) =>
        args => Positional([.. Enumerable.Repeat(check, args.Length)])(args);

    public static Func<string, string?> Number(long min, long max) => value =>
        value.Length is > 0 and <= 10
        && value.All(char.IsAsciiDigit)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && n >= min && n <= max
            ? null
            : $"must be a whole number from {min} to {max}";

    public static Func<string, string?> NumberOr(string keyword, long min, long max)
    {
        var number = Number(min, max);
        return value => value == keyword ? null : number(value) is null ? null : $"must be '{keyword}' or a number from {min} to {max}";
    }

    public static Func<string, string?> OneOf(params string[] values) => value =>
        values.Contains(value, StringComparer.Ordinal) ? null : "must be one of: " + string.Join(", ", values);

    /// <summary>A name such as a cipher, digest, group or curve list: one word of printable ASCII.</summary>
    public static Func<string, string?> Name { get; } = value =>
        value.Length > 0 && value.All(c => c is > ' ' and < '\x7f') ? null : "must be one word of printable ASCII";

    /// <summary>Free text (an X.509 name, an EKU name, a pull-filter prefix): anything but control characters.</summary>
    public static Func<string, string?> Text { get; } = value =>
        value.Length > 0 ? null : "must not be empty";

    /// <summary>
    /// A hexadecimal number as OpenVPN reads it with sscanf("%x"): with or without "0x" (any case), in 32 bits,
    /// e.g. a0, 00e0, 0x00E0.
    /// </summary>
    public static Func<string, string?> Hex { get; } = value =>
    {
        var digits = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        return digits.Length > 0 && digits.All(char.IsAsciiHexDigit)
            && uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)
            ? null
            : "must be a hexadecimal number of at most 32 bits, such as a0 or 0x00a0";
    };

    public static Func<string, string?> Port { get; } = Number(1, 65535);

    public static Func<string, string?> Seconds { get; } = Number(0, int.MaxValue);

    public static Func<string, string?> Bytes { get; } = Number(0, int.MaxValue);

    /// <summary>A SHA-256 fingerprint, the form <c>peer-fingerprint</c> takes: 32 hex bytes separated by colons.</summary>
    public static bool IsSha256Fingerprint(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 32 && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit));
    }

    /// <summary>Characters that have no business in any option parameter; they could only confuse a reader.</summary>
    public static bool HasControlCharacter(string value) => value.Any(c => c < ' ' || c == '\x7f');
}
