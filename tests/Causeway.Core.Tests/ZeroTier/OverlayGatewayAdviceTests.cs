using System.Net;
using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

/// <summary>What status tells the VM of a Dinosaur about its ZeroTier network: never to become the default route.</summary>
public sealed class OverlayGatewayAdviceTests
{
    private const string Network = "2f5042fc3b08bd2e";
    private static readonly IPAddress Sbc = IPAddress.Parse("10.222.0.1");

    private static ZeroTierNetworkSummary Summary(bool routedHere, bool allowDefault) => new(
        Network, "zt-acceptance", "OK", "e3e71b4b86", "zt2nvuuqiv", ["10.222.0.2/24"], true, false, "1.14.2",
        new DefaultRouteAdvice(Network, routedHere, IPAddress.Parse("10.222.0.2"), null, ["add 0.0.0.0/0 via this gateway"]))
    {
        AllowDefault = allowDefault,
    };

    [Fact]
    public void A_vm_set_up_right_is_told_where_its_clients_traffic_goes_and_nothing_about_becoming_a_default_route()
    {
        var lines = OverlayGatewayAdvice.Lines(Network, Sbc, Summary(routedHere: false, allowDefault: false));

        var line = Assert.Single(lines);
        Assert.Contains("goes to the gateway 10.222.0.1 over ZeroTier network 2f5042fc3b08bd2e", line, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0.0.0/0", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_default_on_the_vm_is_warned_about_with_the_command_that_turns_it_off()
    {
        var lines = OverlayGatewayAdvice.Lines(Network, Sbc, Summary(routedHere: false, allowDefault: true));

        Assert.Contains(lines, l => l.StartsWith("Warning: allowDefault is on", StringComparison.Ordinal)
            && l.EndsWith("zerotier-cli set 2f5042fc3b08bd2e allowDefault=0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_network_default_route_via_the_vm_is_warned_about_and_pointed_at_the_gateway()
    {
        var lines = OverlayGatewayAdvice.Lines(Network, Sbc, Summary(routedHere: true, allowDefault: false));

        Assert.Contains(lines, l => l.Contains("routes 0.0.0.0/0 via this host (10.222.0.2)", StringComparison.Ordinal)
            && l.Contains("route it via 10.222.0.1 instead", StringComparison.Ordinal));
    }
}
