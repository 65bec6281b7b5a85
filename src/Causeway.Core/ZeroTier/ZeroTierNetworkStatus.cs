namespace Causeway.Core.ZeroTier;

/// <summary>The meaning of a network's `status` (`ZT_VirtualNetworkStatus`).</summary>
public enum ZeroTierNetworkStatus
{
    /// <summary>A value this code does not know (a newer daemon?).</summary>
    Unknown,

    /// <summary>Joined, no configuration yet: the controller is unreachable or slow.</summary>
    RequestingConfiguration,

    /// <summary>Configured and authorized.</summary>
    Ok,

    /// <summary>Private network, member not authorized (or deauthorized).</summary>
    AccessDenied,

    /// <summary>The controller has no such network.</summary>
    NotFound,

    /// <summary>The tap device could not be created.</summary>
    PortError,

    /// <summary>The controller needs a newer client.</summary>
    ClientTooOld,

    /// <summary>SSO login needed.</summary>
    AuthenticationRequired,
}
