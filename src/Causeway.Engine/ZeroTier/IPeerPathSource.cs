using System.Net;
using Causeway.Core.Hops;

namespace Causeway.Engine.ZeroTier;

/// <summary>
/// How the overlay reaches the host behind an overlay address (<see cref="ZeroTierPeerPathSource"/>: ZeroTier's
/// direct or relayed path to that member). The hop watch's tests drive a fake of it.
/// </summary>
public interface IPeerPathSource
{
    /// <summary>
    /// The path to the node that holds <paramref name="peer"/> on <paramref name="device"/>; <see cref="PeerPath.None"/>
    /// when that cannot be told (no neighbour entry yet, a MAC that is not ZeroTier's, a node zerotier-one does not
    /// know). Throws when it could not look (the local API or `ip` failed), with what to do in the message.
    /// </summary>
    Task<PeerPath> FindAsync(string device, IPAddress peer, CancellationToken cancellationToken);
}
