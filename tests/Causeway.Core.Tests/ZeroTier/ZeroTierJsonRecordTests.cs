using System.Text.Json;
using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

/// <summary>
/// The records Causeway reads (status, network, peer) read every capture of them, and write it back with the same
/// keys, order, nulls and value kinds. The shapes only the lab's stand-in serves are tested in Causeway.Lab.Tests.
/// </summary>
public sealed class ZeroTierJsonRecordTests
{
    [Fact]
    public void Reads_a_status()
    {
        var status = ZeroTierCaptures.Load("member_GET_status.json", ZeroTierJsonContext.Default.ZeroTierStatus);

        Assert.Equal("fa8d1d33a9", status.Address);
        Assert.True(status.Online);
        Assert.False(status.TcpFallbackActive);
        Assert.Equal("1.14.1", status.Version);
        Assert.Equal(1795594896505, status.Clock);
        Assert.Equal(9993, status.Config.Settings.PrimaryPort);
        Assert.Equal(["172.16.50.1/9993", "10.199.0.2/9993"], status.Config.Settings.ListeningOn);
        Assert.Equal(7777777, status.PlanetWorldId);
    }

    [Fact]
    public void Reads_a_network_with_an_on_link_route_and_a_default_route()
    {
        var network = ZeroTierCaptures.Load("member_GET_network_nwid_allowDefault.json", ZeroTierJsonContext.Default.ZeroTierNetwork);

        Assert.Equal("2f5042fc3b08bd2e", network.Id);
        Assert.Equal(ZeroTierNetworkStatus.Ok, network.StatusKind);
        Assert.True(network.AllowDefault);
        Assert.Equal(["10.222.0.192/24"], network.AssignedAddresses);
        Assert.Equal(2, network.Routes.Length);
        Assert.Null(network.Routes[0].Via);
        Assert.Equal("10.222.0.1", network.Routes[1].Via);
        Assert.Equal(182321344, network.MulticastSubscriptions[3].Adi);
        Assert.Null(network.SsoEnabled);
    }

    [Fact]
    public void Reads_a_peer_and_its_direct_path()
    {
        var peer = ZeroTierCaptures.Load("member_GET_peer_addr.json", ZeroTierJsonContext.Default.ZeroTierPeer);

        Assert.Equal("e3e71b4b86", peer.Address);
        Assert.Equal("LEAF", peer.Role);
        Assert.False(peer.Tunneled);
        var path = Assert.Single(peer.Paths);
        Assert.Equal("10.199.0.3/9993", path.Address);
        Assert.True(path.Active);
        Assert.False(path.Expired);
        Assert.True(path.Preferred);
    }

    [Theory]
    [InlineData("member_GET_peer_addr.json")]
    [InlineData("member_GET_status.json")]
    [InlineData("controller_GET_status.json")]
    [InlineData("member_GET_network_nwid.json")]
    [InlineData("member_GET_network_nwid_after_deauth.json")]
    [InlineData("member_GET_network_nwid_allowDefault.json")]
    [InlineData("member_POST_network_allowDefault.json")]
    [InlineData("member_POST_network_join.json")]
    public void Writes_a_capture_back_exactly(string capture)
    {
        var text = ZeroTierCaptures.Read(capture);
        var context = ZeroTierJsonContext.Default;
        var written = capture switch
        {
            _ when capture.EndsWith("_status.json", StringComparison.Ordinal) =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, context.ZeroTierStatus), context.ZeroTierStatus),
            _ when capture.Contains("_peer", StringComparison.Ordinal) =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, context.ZeroTierPeer), context.ZeroTierPeer),
            _ => JsonSerializer.Serialize(JsonSerializer.Deserialize(text, context.ZeroTierNetwork), context.ZeroTierNetwork),
        };

        using var expected = JsonDocument.Parse(text);
        using var actual = JsonDocument.Parse(written);
        Assert.Equal(ZeroTierCaptures.Canonical(expected.RootElement), ZeroTierCaptures.Canonical(actual.RootElement));
    }
}
