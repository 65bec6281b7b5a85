namespace Causeway.Core.Hops;

/// <summary>
/// How ZeroTier reaches the peer at the far end of an overlay hop (from the local API's peer paths). Relayed is the
/// slowness the whole design exists to avoid, so status says it.
/// </summary>
public enum PeerPath
{
    /// <summary>Not an overlay hop, or the peer is not known to the local API.</summary>
    None,

    /// <summary>A direct UDP path to the peer is active.</summary>
    Direct,

    /// <summary>No direct path: traffic goes through ZeroTier's roots (or its TCP fallback).</summary>
    Relayed,
}
