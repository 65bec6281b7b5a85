using System.Text.Json;
using Causeway.Core.ZeroTier;
using Causeway.Lab.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

/// <summary>The records read every capture, and write it back with the same keys, order, nulls and value kinds.</summary>
public sealed class ZeroTierJsonRecordTests
{
    [Fact]
    public void Reads_a_status()
    {
        var status = ZeroTierFixtures.Load("member_GET_status.json", ZeroTierJsonContext.Default.ZeroTierStatus);

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
        var network = ZeroTierFixtures.Load("member_GET_network_nwid_allowDefault.json", ZeroTierJsonContext.Default.ZeroTierNetwork);

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
    public void Reads_the_list_of_networks_and_of_peers()
    {
        var networks = ZeroTierFixtures.Load("member_GET_network.json", ZeroTierLabJsonContext.Default.ImmutableArrayZeroTierNetwork);
        var peers = ZeroTierFixtures.Load("member_GET_peer.json", ZeroTierLabJsonContext.Default.ImmutableArrayZeroTierPeer);

        Assert.Equal("zt2nvuuqiv", Assert.Single(networks).PortDeviceName);
        Assert.Equal(["PLANET", "LEAF"], peers.Select(p => p.Role));
        Assert.Equal(94912550445056, peers[0].Paths[0].LocalSocket);
    }

    [Fact]
    public void Reads_the_controller_member_map_and_a_member()
    {
        var revisions = ZeroTierFixtures.Load("controller_GET_member_list.json", ZeroTierLabJsonContext.Default.IReadOnlyDictionaryStringInt64);
        var member = ZeroTierFixtures.Load("controller_GET_member_before_auth.json", ZeroTierLabJsonContext.Default.ZeroTierControllerMember);

        Assert.Equal(3, revisions["e3e71b4b86"]);
        Assert.False(member.Authorized);
        Assert.Null(member.LastAuthorizedCredentialType);
        Assert.Equal(-1, member.VersionMajor);
    }

    [Fact]
    public void Reads_a_controller_network_whose_dns_is_still_an_array()
    {
        var network = ZeroTierFixtures.Load("controller_GET_network_nwid_with_default_route.json", ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork);

        Assert.Equal(JsonValueKind.Array, network.Dns.ValueKind);
        Assert.Equal(JsonValueKind.Null, network.AuthTokens[0].ValueKind);
        Assert.Equal(new ZeroTierControllerRoute("0.0.0.0/0", "10.222.0.1"), network.Routes[1]);
        Assert.True(network.V4AssignMode.Zt);
        Assert.Equal("10.222.0.10", network.IpAssignmentPools[0].IpRangeStart);
    }

    [Theory]
    [InlineData("member_GET_status.json")]
    [InlineData("controller_GET_status.json")]
    [InlineData("member_GET_network.json")]
    [InlineData("member_GET_network_nwid.json")]
    [InlineData("member_GET_network_nwid_after_deauth.json")]
    [InlineData("member_GET_network_nwid_allowDefault.json")]
    [InlineData("member_POST_network_allowDefault.json")]
    [InlineData("member_POST_network_join.json")]
    [InlineData("member_GET_peer.json")]
    [InlineData("member_dev_GET_peer.json")]
    [InlineData("member_GET_peer_addr.json")]
    [InlineData("member_DELETE_network_leave.json")]
    [InlineData("controller_GET_controller.json")]
    [InlineData("controller_GET_network_list.json")]
    [InlineData("controller_GET_network_nwid.json")]
    [InlineData("controller_GET_network_nwid_with_default_route.json")]
    [InlineData("controller_POST_network_create.json")]
    [InlineData("controller_GET_member_list.json")]
    [InlineData("controller_GET_member_before_auth.json")]
    [InlineData("controller_GET_member_dev.json")]
    [InlineData("controller_GET_member_gw.json")]
    [InlineData("controller_POST_member_authorize_dev_autoip.json")]
    [InlineData("controller_POST_member_authorize_gw.json")]
    public void Writes_a_capture_back_exactly(string capture)
    {
        var text = ZeroTierFixtures.Read(capture);
        var written = RoundTrip(capture, text);

        using var expected = JsonDocument.Parse(text);
        using var actual = JsonDocument.Parse(written);
        Assert.Equal(Canonical(expected.RootElement), Canonical(actual.RootElement));
    }

    private static string RoundTrip(string capture, string text)
    {
        var context = ZeroTierJsonContext.Default;
        var lab = ZeroTierLabJsonContext.Default;
        return capture switch
        {
            _ when capture.EndsWith("_status.json", StringComparison.Ordinal) =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, context.ZeroTierStatus), context.ZeroTierStatus),
            "member_GET_network.json" =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ImmutableArrayZeroTierNetwork), lab.ImmutableArrayZeroTierNetwork),
            _ when capture.StartsWith("member_", StringComparison.Ordinal) && capture.Contains("_network_", StringComparison.Ordinal)
                && !capture.Contains("DELETE", StringComparison.Ordinal) =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, context.ZeroTierNetwork), context.ZeroTierNetwork),
            "member_GET_peer_addr.json" =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ZeroTierPeer), lab.ZeroTierPeer),
            _ when capture.EndsWith("GET_peer.json", StringComparison.Ordinal) =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ImmutableArrayZeroTierPeer), lab.ImmutableArrayZeroTierPeer),
            "member_DELETE_network_leave.json" =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ZeroTierLeaveResult), lab.ZeroTierLeaveResult),
            "controller_GET_controller.json" =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ZeroTierControllerInfo), lab.ZeroTierControllerInfo),
            "controller_GET_network_list.json" =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ImmutableArrayString), lab.ImmutableArrayString),
            "controller_GET_member_list.json" =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.IReadOnlyDictionaryStringInt64), lab.IReadOnlyDictionaryStringInt64),
            _ when capture.Contains("_network", StringComparison.Ordinal) =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ZeroTierControllerNetwork), lab.ZeroTierControllerNetwork),
            _ => JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ZeroTierControllerMember), lab.ZeroTierControllerMember),
        };
    }

    /// <summary>Compact JSON text: key order, nulls and number forms stay as they are.</summary>
    private static string Canonical(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
