using System.Globalization;
using Causeway.Core.Netlink;
using Causeway.Engine.Seams;

namespace Causeway.Engine.HostState;

/// <summary>
/// The MTU of the host's uplink (the device of its IPv4 default route), for the MSS budget: a provider tunnel's
/// encrypted packets must fit in it, so a small uplink (PPPoE, a mobile link, a cloud's 1460) narrows the tunnel hop.
/// Two small file reads, no command; null when either cannot be read (then the tunnel's own MTU is taken).
/// </summary>
public static class UplinkMtuReader
{
    public const string RouteTablePath = "/proc/net/route";

    public static int? Read(IFileSystem files)
    {
        try
        {
            if (ProcNetRoute.DefaultRouteInterface(files.ReadAllText(RouteTablePath)) is not { } device
                || device.Contains('/', StringComparison.Ordinal) || device.Contains("..", StringComparison.Ordinal))
            {
                return null;
            }

            var text = files.ReadAllText($"/sys/class/net/{device}/mtu").Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mtu) && mtu > 0 ? mtu : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
