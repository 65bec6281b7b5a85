using System.Net;
using System.Security.Cryptography;

namespace Causeway.Lab.Uno;

/// <summary>
/// Runs the ZeroTier stand-in (Causeway.Lab.ZeroTier) inside the gateway's namespace, as zerotier-one would run:
/// its local API on 127.0.0.1:9993, a home directory with authtoken.secret, and one joined network whose device
/// is the overlay veth the lab made.
/// </summary>
internal static class ZeroTierStandInLauncher
{
    public static async Task StartAsync(UnoWorld w, CancellationToken ct)
    {
        var home = w.Layout.ZeroTierHome;
        w.Files.EnsureDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tokenPath = Path.Combine(home, "authtoken.secret");
        w.Files.WriteAllTextAtomic(tokenPath, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var api = new IPEndPoint(IPAddress.Loopback, UnoTopology.ZeroTierApiPort);
        w.StartDetached(
            UnoProcessNames.ZeroTierStandIn,
            UnoTopology.Gateway,
            w.Binary,
            ["lab", "zerotier-standin",
             "--home", home,
             "--listen", api.ToString(),
             "--network", UnoTopology.ZeroTierNetworkId,
             "--device", UnoTopology.OverlayDevice,
             "--address", $"{UnoTopology.GatewayOverlayAddress}/{UnoTopology.OverlayPrefixLength}",
             "--route", $"0.0.0.0/0@{UnoTopology.GatewayOverlayAddress}"],
            w.Layout.ZeroTierLog);
        await w.WaitListeningAsync(UnoProcessNames.ZeroTierStandIn, UnoTopology.Gateway, api, ct);
        w.Progress($"gateway: ZeroTier stand-in on {api} (network {UnoTopology.ZeroTierNetworkId}, device {UnoTopology.OverlayDevice})");
    }
}
