namespace Causeway.Core.Doctor;

/// <summary>What one look at zerotier-one's local API (and the configured network through it) gave.</summary>
public enum ZeroTierApiOutcome
{
    /// <summary>It answered, and the network is usable.</summary>
    Answered,

    /// <summary>
    /// A state zerotier-one passes through while it (re)starts, still there after a short wait: its port file empty
    /// while rewritten, the network not rejoined yet, or still REQUESTING_CONFIGURATION.
    /// </summary>
    Starting,

    /// <summary>Nothing listens on the API port (connection refused): not running, or not started yet.</summary>
    NotRunning,

    /// <summary>This node has not joined the configured network.</summary>
    NotJoined,

    /// <summary>Joined, but the network cannot be used (ACCESS_DENIED, NOT_FOUND, no address …).</summary>
    NetworkUnusable,

    /// <summary>Any other failure: a wrong token (401), a port file that holds no port, a timeout, another service on the port.</summary>
    Failed,
}
