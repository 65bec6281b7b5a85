using System.Text.Json;
using Causeway.Core.ZeroTier;
using Causeway.Lab.ZeroTier;
using Xunit;

namespace Causeway.Lab.Tests.ZeroTier;

/// <summary>
/// The shapes only the stand-in serves (the network list, peers, leaving, the controller) read every capture of them,
/// and write it back with the same keys, order, nulls and value kinds.
/// </summary>
public sealed class ZeroTierLabJsonRecordTests
{
    [Fact]
    public void Reads_the_list_of_networks_and_of_peers()
    {
        var networks = ZeroTierCaptures.Load("member_GET_network.json", ZeroTierLabJsonContext.Default.ImmutableArrayZeroTierNetwork);
        var peers = ZeroTierCaptures.Load("member_GET_peer.json", ZeroTierLabJsonContext.Default.ImmutableArrayZeroTierPeer);

        Assert.Equal("zt2nvuuqiv", Assert.Single(networks).PortDeviceName);
        Assert.Equal(["PLANET", "LEAF"], peers.Select(p => p.Role));
        Assert.Equal(94912550445056, peers[0].Paths[0].LocalSocket);
    }

    [Fact]
    public void Reads_the_controller_member_map_and_a_member()
    {
        var revisions = ZeroTierCaptures.Load("controller_GET_member_list.json", ZeroTierLabJsonContext.Default.IReadOnlyDictionaryStringInt64);
        var member = ZeroTierCaptures.Load("controller_GET_member_before_auth.json", ZeroTierLabJsonContext.Default.ZeroTierControllerMember);

        Assert.Equal(3, revisions["e3e71b4b86"]);
        Assert.False(member.Authorized);
        Assert.Null(member.LastAuthorizedCredentialType);
        Assert.Equal(-1, member.VersionMajor);
    }

    [Fact]
    public void Reads_a_controller_network_whose_dns_is_still_an_array()
    {
        var network = ZeroTierCaptures.Load("controller_GET_network_nwid_with_default_route.json", ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork);

        Assert.Equal(JsonValueKind.Array, network.Dns.ValueKind);
        Assert.Equal(JsonValueKind.Null, network.AuthTokens[0].ValueKind);
        Assert.Equal(new ZeroTierControllerRoute("0.0.0.0/0", "10.222.0.1"), network.Routes[1]);
        Assert.True(network.V4AssignMode.Zt);
        Assert.Equal("10.222.0.10", network.IpAssignmentPools[0].IpRangeStart);
    }

    [Theory]
    [InlineData("member_GET_network.json")]
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
        var text = ZeroTierCaptures.Read(capture);
        var written = RoundTrip(capture, text);

        using var expected = JsonDocument.Parse(text);
        using var actual = JsonDocument.Parse(written);
        Assert.Equal(ZeroTierCaptures.Canonical(expected.RootElement), ZeroTierCaptures.Canonical(actual.RootElement));
    }

    private static string RoundTrip(string capture, string text)
    {
        var lab = ZeroTierLabJsonContext.Default;
        return capture switch
        {
            "member_GET_network.json" =>
                JsonSerializer.Serialize(JsonSerializer.Deserialize(text, lab.ImmutableArrayZeroTierNetwork), lab.ImmutableArrayZeroTierNetwork),
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
}
