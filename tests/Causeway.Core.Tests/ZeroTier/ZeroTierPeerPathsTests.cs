using System.Collections.Immutable;
using System.Text.Json;
using Causeway.Core.Hops;
using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

/// <summary>Direct or relayed, from `GET /peer/&lt;address&gt;` as real zerotier-one answers it.</summary>
public sealed class ZeroTierPeerPathsTests
{
    private static ZeroTierPeer Captured() => ZeroTierCaptures.Load("member_GET_peer_addr.json", ZeroTierJsonContext.Default.ZeroTierPeer);

    [Fact]
    public void A_leaf_with_an_active_path_is_direct()
    {
        Assert.Equal(PeerPath.Direct, ZeroTierPeerPaths.Of(Captured()));
    }

    [Fact]
    public void Every_peer_of_both_captured_peer_lists_is_direct()
    {
        ZeroTierPeer[] peers = [.. List("member_GET_peer.json"), .. List("member_dev_GET_peer.json")];

        Assert.Equal(4, peers.Length);
        Assert.All(peers, p => Assert.Equal(PeerPath.Direct, ZeroTierPeerPaths.Of(p)));
    }

    [Fact]
    public void A_leaf_without_paths_is_relayed_as_zerotier_cli_peers_prints_relay()
    {
        Assert.Equal(PeerPath.Relayed, ZeroTierPeerPaths.Of(Captured() with { Paths = [] }));
        Assert.Equal(PeerPath.Relayed, ZeroTierPeerPaths.Of(Captured() with { Paths = default }));
    }

    [Fact]
    public void An_expired_path_is_no_direct_path_and_preferred_is_not_required()
    {
        var path = Captured().Paths[0];

        Assert.Equal(PeerPath.Relayed, ZeroTierPeerPaths.Of(Captured() with { Paths = [path with { Active = false, Expired = true }] }));
        Assert.Equal(PeerPath.Direct, ZeroTierPeerPaths.Of(Captured() with { Paths = [path with { Active = false, Expired = true }, path with { Preferred = false }] }));
    }

    [Fact]
    public void While_the_tcp_fallback_relay_carries_everything_every_peer_is_relayed()
    {
        Assert.Equal(PeerPath.Relayed, ZeroTierPeerPaths.Of(Captured() with { Tunneled = true }));
    }

    /// <summary>A peer list, one peer at a time: Causeway itself reads only single peers.</summary>
    private static ZeroTierPeer[] List(string capture)
    {
        using var document = JsonDocument.Parse(ZeroTierCaptures.Read(capture));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Deserialize(ZeroTierJsonContext.Default.ZeroTierPeer)!)];
    }

    [Fact]
    public void A_root_without_paths_says_nothing_about_a_member()
    {
        Assert.Equal(PeerPath.None, ZeroTierPeerPaths.Of(Captured() with { Role = "PLANET", Paths = ImmutableArray<ZeroTierPeerPath>.Empty }));
    }
}
