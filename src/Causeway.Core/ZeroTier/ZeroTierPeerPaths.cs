using Causeway.Core.Hops;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// Whether zerotier-one reaches a peer directly or through a relay, from its `GET /peer/&lt;address&gt;` answer (the
/// same judgement `zerotier-cli peers` prints as DIRECT or RELAY).
/// </summary>
public static class ZeroTierPeerPaths
{
    /// <summary>
    /// Relayed while the TCP fallback relay carries everything (<c>tunneled</c>, whatever the paths say); direct when a
    /// path is active and not expired (<c>preferred</c> only says which of several direct paths is used, so it is not
    /// required); a LEAF with no such path is reached through ZeroTier's roots: relayed. A root (PLANET, MOON) with no
    /// path says nothing about a member: none.
    /// </summary>
    public static PeerPath Of(ZeroTierPeer peer)
    {
        if (peer.Tunneled)
        {
            return PeerPath.Relayed;
        }

        if (!peer.Paths.IsDefault && peer.Paths.Any(p => p.Active && !p.Expired))
        {
            return PeerPath.Direct;
        }

        return string.Equals(peer.Role, "LEAF", StringComparison.Ordinal) ? PeerPath.Relayed : PeerPath.None;
    }
}
