using System.Net;
using System.Net.Sockets;

namespace Causeway.Core.Management;

/// <summary>
/// Strict IP address parsing. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> accepts "10" as 0.0.0.10
/// and "1.2.3" as 1.2.0.3; in OpenVPN's output such text is never an address, so it is refused here.
/// </summary>
internal static class AddressText
{
    public static IPAddress? TryParse(string text)
    {
        text = text.Trim();
        if (text.Length == 0 || !IPAddress.TryParse(text, out var address))
        {
            return null;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when text.Count(c => c == '.') == 3 => address,
            AddressFamily.InterNetworkV6 when text.Contains(':', StringComparison.Ordinal) => address,
            _ => null,
        };
    }

    /// <summary>An address that may carry a port: "1.2.3.4", "1.2.3.4:53", "fd00::1", "[fd00::1]:53".</summary>
    public static IPAddress? TryParseWithOptionalPort(string text)
    {
        text = text.Trim();
        if (TryParse(text) is { } plain)
        {
            return plain;
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? TryParse(text[1..close]) : null;
        }

        var colon = text.LastIndexOf(':');
        return colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon ? TryParse(text[..colon]) : null;
    }
}
