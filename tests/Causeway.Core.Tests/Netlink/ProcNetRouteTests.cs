using Causeway.Core.Netlink;
using Xunit;

namespace Causeway.Core.Tests.Netlink;

/// <summary>/proc/net/route read for the uplink: the device of the default route with the lowest metric.</summary>
public sealed class ProcNetRouteTests
{
    private const string Header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n";

    [Fact]
    public void The_default_route_with_the_lowest_metric_names_the_uplink()
    {
        var text = Header
            + "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
            + "eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
            + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";

        Assert.Equal("eth0", ProcNetRoute.DefaultRouteInterface(text));
    }

    [Fact]
    public void Without_a_default_route_there_is_no_uplink()
    {
        Assert.Null(ProcNetRoute.DefaultRouteInterface(Header + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"));
        Assert.Null(ProcNetRoute.DefaultRouteInterface(string.Empty));
    }

    [Fact]
    public void A_default_route_that_is_not_up_is_passed_over()
    {
        var text = Header + "eth1\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\t0\t0\t0\n";

        Assert.Null(ProcNetRoute.DefaultRouteInterface(text));
    }
}
