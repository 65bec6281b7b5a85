using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Netlink;

public sealed class IpRouteParserTests
{
    [Fact]
    public void Parses_our_table_the_tunnel_default_over_the_unreachable_default()
    {
        var routes = IpRouteParser.Parse(FixtureFiles.Ip("route-v4-table7270.json"), AddressFamily.InterNetwork);

        Assert.Equal(2, routes.Length);
        var tunnel = routes[0];
        Assert.Equal(IpRoute.Unicast, tunnel.Type);
        Assert.True(tunnel.IsDefault);
        Assert.Equal(IPNetwork.Parse("0.0.0.0/0"), tunnel.Destination);
        Assert.Equal("tuncw0", tunnel.Device);
        Assert.Equal(100, tunnel.Metric);
        Assert.Equal("link", tunnel.Scope);
        Assert.Equal(["linkdown"], tunnel.Flags);

        var unreachable = routes[1];
        Assert.Equal(IpRoute.Unreachable, unreachable.Type);
        Assert.Equal(4294967295, unreachable.Metric);
        Assert.Null(unreachable.Device);
    }

    [Fact]
    public void Parses_the_ipv6_unreachable_default_which_shows_dev_lo()
    {
        var route = Assert.Single(IpRouteParser.Parse(FixtureFiles.Ip("route-v6-table7270.json"), AddressFamily.InterNetworkV6));

        Assert.Equal(IpRoute.Unreachable, route.Type);
        Assert.Equal(IPNetwork.Parse("::/0"), route.Destination);
        Assert.Equal("lo", route.Device);
        Assert.Equal(4294967295, route.Metric);
    }

    [Fact]
    public void Parses_blackhole_prohibit_gateway_and_protocol()
    {
        var routes = IpRouteParser.Parse(FixtureFiles.Ip("route-v4-table200.json"), AddressFamily.InterNetwork);

        Assert.Contains(routes, r => r.Type == IpRoute.Blackhole && r.Destination == IPNetwork.Parse("10.99.0.0/16"));
        Assert.Contains(routes, r => r.Type == IpRoute.Prohibit && r.Destination == IPNetwork.Parse("10.99.2.0/24"));
        var via = Assert.Single(routes, r => r.Gateway is not null);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), via.Gateway);
        Assert.Equal("s-up", via.Device);
        Assert.Equal("static", via.Protocol);
        Assert.Equal(5, via.Metric);

        var v6 = IpRouteParser.Parse(FixtureFiles.Ip("route-v6-table200.json"), AddressFamily.InterNetworkV6);
        Assert.Contains(v6, r => r.Type == IpRoute.Blackhole && r.Destination == IPNetwork.Parse("2001:db8:98::/48"));
        Assert.Contains(v6, r => r.Gateway?.Equals(IPAddress.Parse("2001:db8:2::1")) == true && r.Metric == 1024);
    }

    [Fact]
    public void Parses_all_tables_with_host_routes_and_table_names()
    {
        var v4 = IpRouteParser.Parse(FixtureFiles.Ip("route-v4-all.json"), AddressFamily.InterNetwork);
        var v6 = IpRouteParser.Parse(FixtureFiles.Ip("route-v6-all.json"), AddressFamily.InterNetworkV6);

        Assert.Contains(v4, r => r.Type == "local" && r.Table == "local" && r.Destination == IPNetwork.Parse("10.222.0.1/32"));
        Assert.Contains(v4, r => r.Table == "7270" && r.Type == IpRoute.Unreachable);
        Assert.Contains(v4, r => r.Table is null && r.IsDefault && r.Gateway?.Equals(IPAddress.Parse("192.0.2.1")) == true);
        Assert.Contains(v4, r => r.Protocol == "kernel" && r.PreferredSource == "10.222.0.1");
        Assert.Contains(v6, r => r.Table == "7270" && r.Type == IpRoute.Unreachable);
        Assert.Contains(v6, r => r.Type == "multicast");
    }

    [Fact]
    public void A_table_that_never_held_a_route_is_empty_not_an_error()
    {
        Assert.True(IpRouteParser.IsMissingTable(2, FixtureFiles.Ip("route-missing-table.stderr")));
        Assert.False(IpRouteParser.IsMissingTable(2, "Error: Operation not permitted"));
        Assert.False(IpRouteParser.IsMissingTable(0, string.Empty));
        Assert.Throws<FormatException>(() => IpRouteParser.Parse(FixtureFiles.Ip("route-missing-table.stdout"), AddressFamily.InterNetwork));
    }
}
