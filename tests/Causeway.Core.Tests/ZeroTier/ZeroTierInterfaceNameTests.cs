using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

public sealed class ZeroTierInterfaceNameTests
{
    [Theory]
    [InlineData("8056c2e21c000001", "ztmjfmfyq5")]
    [InlineData("8bd5124fd6f4d0a1", "ztyqb6nh3x")]
    [InlineData("2f5042fc3b08bd2e", "zt2nvuuqiv")]
    [InlineData("2F5042FC3B08BD2E", "zt2nvuuqiv")]
    public void Derives_the_name_zerotier_one_gives_the_tap(string networkId, string expected) =>
        Assert.Equal(expected, ZeroTierInterfaceName.Derive(networkId));

    [Theory]
    [InlineData("member_GET_network_nwid.json")]
    [InlineData("member_POST_network_join.json")]
    [InlineData("member_GET_network_nwid_allowDefault.json")]
    public void Matches_the_portDeviceName_of_the_captures(string capture)
    {
        var network = ZeroTierCaptures.Load(capture, ZeroTierJsonContext.Default.ZeroTierNetwork);

        Assert.Equal(network.PortDeviceName, ZeroTierInterfaceName.Derive(network.Id));
    }

    [Fact]
    public void A_retry_after_a_name_collision_gives_another_name()
    {
        var first = ZeroTierInterfaceName.Derive("2f5042fc3b08bd2e");
        var second = ZeroTierInterfaceName.Derive("2f5042fc3b08bd2e", trial: 1);

        Assert.NotEqual(first, second);
        Assert.StartsWith("zt", second, StringComparison.Ordinal);
        Assert.Equal(10, second.Length);
    }

    [Theory]
    [InlineData("2f5042fc3b08bd2")]
    [InlineData("2f5042fc3b08bd2e0")]
    [InlineData("2f5042fc3b08bd2g")]
    [InlineData("")]
    public void Rejects_what_is_not_a_network_id(string networkId) =>
        Assert.Throws<FormatException>(() => ZeroTierInterfaceName.Derive(networkId));
}
