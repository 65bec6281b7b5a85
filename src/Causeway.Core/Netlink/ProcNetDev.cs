using System.Collections.Immutable;
using System.Globalization;

namespace Causeway.Core.Netlink;

/// <summary>
/// /proc/net/dev, every device's counters as text, of the network namespace of the process that reads it (unlike
/// /sys/class/net, which shows the namespace of whoever mounted sysfs). A file, not a command: the daemon reads it
/// every few seconds for the rates in its status, and it costs no process.
/// </summary>
public static class ProcNetDev
{
    public const string Path = "/proc/net/dev";

    /// <summary>The counters by device name; lines that are not a device's (the two headers, garbage) are skipped.</summary>
    public static ImmutableDictionary<string, InterfaceCounters> Parse(string text)
    {
        var devices = ImmutableDictionary.CreateBuilder<string, InterfaceCounters>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            // "  tuncw0: rxbytes rxpackets errs drop fifo frame compressed multicast txbytes txpackets errs drop ..."
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var fields = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (name.Length == 0 || fields.Length < 10
                || !Number(fields[0], out var rxBytes) || !Number(fields[1], out var rxPackets)
                || !Number(fields[8], out var txBytes) || !Number(fields[9], out var txPackets))
            {
                continue;
            }

            devices[name] = new InterfaceCounters(name, rxBytes, rxPackets, txBytes, txPackets);
        }

        return devices.ToImmutable();
    }

    private static bool Number(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
