using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Daemon;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>The daemon's pure decisions about [access].</summary>
public sealed class GatewayDaemonTests
{
    private static readonly OverlayFacts Overlay = new("zt0", [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")], [IPAddress.Parse("10.222.0.1")]);

    private static CausewaySettings Load(string access) => ConfigLoader.Load(
        $"[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n[egress]\nprofile = \"p.ovpn\"\n{access}", "/etc/causeway/causeway.toml").Settings!;

    [Fact]
    public void A_reconnect_flushes_the_access_pools_flows_with_the_overlays()
    {
        var sources = GatewayDaemon.ConntrackSources(Load("[access]\npool = \"10.9.0.0/24\"\n"), Overlay);

        Assert.Equal(["10.222.0.0/24", "fdcc:ca5e::/64", "10.9.0.0/24"], sources.Select(s => s.ToString()));
    }

    [Fact]
    public void Without_access_only_the_overlays()
    {
        Assert.Equal(Overlay.Subnets, GatewayDaemon.ConntrackSources(Load(string.Empty), Overlay));
    }
}
