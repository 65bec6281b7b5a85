using System.Globalization;

namespace Causeway.Core.Management;

/// <summary>OpenVPN's timestamps: integer seconds since the epoch.</summary>
internal static class UnixTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        time = default;
        return false;
    }
}
