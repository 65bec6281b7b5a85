using System.Globalization;
using System.Text.RegularExpressions;

namespace Causeway.Core.Management;

/// <summary>
/// OpenVPN refusing the provider's certificate (or CRL) as "not yet valid": on a host without a real-time clock
/// (an SBC before NTP has synchronised) the clock is wrong, not the provider. OpenVPN says so only in its log, e.g.
/// (2.6.14, captured) `VERIFY ERROR: depth=0, error=certificate is not yet valid: CN=vpn.example.net, serial=1`;
/// on the management interface there is only `>STATE:…,RECONNECTING,tls-error`, which alone says nothing useful.
/// </summary>
public static partial class CertificateClockProblem
{
    /// <summary>What `status` shows for <paramref name="line"/>, an output line of OpenVPN; null if it is not such a refusal.</summary>
    /// <param name="now">This host's clock now, shown so that a wrong year is plain to see.</param>
    public static string? Describe(string line, DateTimeOffset now)
    {
        var match = VerifyError().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var depth = int.Parse(match.Groups["depth"].Value, CultureInfo.InvariantCulture);
        var what = match.Groups["error"].Value.StartsWith("CRL", StringComparison.Ordinal) ? "CRL"
            : depth == 0 ? "server certificate"
            : $"CA certificate (depth {depth})";
        var said = new string([.. match.Value.Take(300).Select(c => char.IsControl(c) ? '?' : c)]) + (match.Value.Length > 300 ? "…" : string.Empty);
        var clock = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return $"the provider's {what} is not yet valid by this host's clock ({clock} UTC): "
            + "the clock looks wrong (no real-time clock, and NTP not synchronised yet?); check `timedatectl` "
            + $"(\"System clock synchronized: yes\") and the NTP service. OpenVPN said: {said}";
    }

    [GeneratedRegex(@"VERIFY ERROR: depth=(?<depth>[0-9]{1,3}), error=(?<error>(?:certificate|CRL) is not yet valid)\b.*$", RegexOptions.CultureInvariant)]
    private static partial Regex VerifyError();
}
