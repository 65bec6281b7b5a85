using System.Net;
using Causeway.Core.Access;
using Xunit;

namespace Causeway.Core.Tests.Access;

public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("129.146.10.1", true)]
    [InlineData("2a01:4f8::1", true)]
    [InlineData("10.0.0.4", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("192.168.1.2", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.1.1", false)]
    [InlineData("192.0.2.2", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    public void Public_means_globally_routable(string address, bool expected)
    {
        Assert.Equal(expected, PublicAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_configured_address_wins_else_a_public_uplink_else_a_clear_problem()
    {
        Assert.Equal("vpn.example.net", PublicAddresses.ChooseServerHost("vpn.example.net", IPAddress.Parse("10.0.0.4"), out _));
        Assert.Equal("129.146.10.1", PublicAddresses.ChooseServerHost(null, IPAddress.Parse("129.146.10.1"), out _));

        Assert.Null(PublicAddresses.ChooseServerHost(null, IPAddress.Parse("10.0.0.4"), out var natted));
        Assert.Null(PublicAddresses.ChooseServerHost(null, null, out var none));
        Assert.Contains("uplink address 10.0.0.4 is not public (behind NAT?)", natted, StringComparison.Ordinal);
        Assert.Contains("set public_address", natted, StringComparison.Ordinal);
        Assert.Contains("no uplink address", none, StringComparison.Ordinal);
    }
}
