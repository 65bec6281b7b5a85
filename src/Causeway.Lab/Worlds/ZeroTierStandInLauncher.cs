using System.Net;
using Causeway.Lab.Backbone;
using Causeway.Lab.ZeroTier;

namespace Causeway.Lab.Worlds;

/// <summary>
/// Runs the ZeroTier stand-in (Causeway.Lab.ZeroTier) inside the gateway's namespace, as zerotier-one would run:
/// its local API on 127.0.0.1:9993, a home directory with authtoken.secret, and the world's scenario: network
/// 2f5042fc3b08bd2e joined, device zt2nvuuqiv (the overlay veth the lab made), 10.222.0.1/24 and fdcc:ca5e::1/64,
/// and the world's managed routes (Uno: 0.0.0.0/0 via 10.222.0.1; Duo: the access pool via 10.222.0.1).
/// </summary>
internal static class ZeroTierStandInLauncher
{
    public static async Task StartAsync(RunningWorld w, ZeroTierStandInScenario scenario, CancellationToken ct)
    {
        // The stand-in writes authtoken.secret (0600) and zerotier-one.port into its home, as zerotier-one does.
        var home = w.Layout.ZeroTierHome;
        w.Files.EnsureDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        w.Files.WriteAllTextAtomic(w.Layout.ZeroTierScenario, scenario.ToJson(), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var api = new IPEndPoint(IPAddress.Loopback, BackboneTopology.ZeroTierApiPort);
        w.StartDetached(
            w.ZeroTierProcess,
            w.GatewayNode,
            w.Binary,
            ["zerotier-standin",
             "--home", home,
             "--listen", api.ToString(),
             "--scenario", w.Layout.ZeroTierScenario],
            w.Layout.ZeroTierLog);
        await w.WaitListeningAsync(w.ZeroTierProcess, w.GatewayNode, api, ct);
        var routes = string.Join(", ", scenario.Networks.SelectMany(n => n.Routes).Select(r => r.Via is null ? r.Target : $"{r.Target} via {r.Via}"));
        w.Progress($"{w.GatewayNode}: ZeroTier stand-in on {api} (network {BackboneTopology.ZeroTierNetworkId}, device {BackboneTopology.OverlayDevice}, managed routes {routes})");
    }
}
