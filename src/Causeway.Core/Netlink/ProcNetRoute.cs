using System.Globalization;

namespace Causeway.Core.Netlink;

/// <summary>
/// /proc/net/route, the kernel's IPv4 main routing table as text, read for one fact: which device the host's default
/// route uses (its uplink). A file, not a command: it is read on every reconcile, and costs no process.
/// </summary>
public static class ProcNetRoute
{
    /// <summary>The device of the default route with the lowest metric; null when there is none (or the text is not the table).</summary>
    public static string? DefaultRouteInterface(string text)
    {
        string? best = null;
        var bestMetric = long.MaxValue;
        foreach (var line in text.Split('\n').Skip(1))
        {
            // Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT; addresses in hex, host order.
            var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8 || fields[1] != "00000000" || fields[7] != "00000000"
                || !long.TryParse(fields[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var metric)
                || !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
                || (flags & 0x1) == 0)
            {
                continue;
            }

            if (metric < bestMetric)
            {
                best = fields[0];
                bestMetric = metric;
            }
        }

        return best;
    }
}
