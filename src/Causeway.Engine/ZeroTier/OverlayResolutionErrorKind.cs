namespace Causeway.Engine.ZeroTier;

/// <summary>Why the overlay could not be resolved.</summary>
public enum OverlayResolutionErrorKind
{
    /// <summary>The local API failed (not running, its port file empty, token, 401...); see <see cref="OverlayResolutionException.ApiError"/>.</summary>
    ZeroTierApiError,

    /// <summary>This node has not joined the configured network (zerotier-one answered 404 for it for the whole wait).</summary>
    NotJoined,

    /// <summary>The network is joined but unusable (ACCESS_DENIED, NOT_FOUND, PORT_ERROR...); see <see cref="OverlayResolutionException.Problem"/>.</summary>
    NetworkUnusable,

    /// <summary>The network stayed REQUESTING_CONFIGURATION (or without an address) for the whole wait.</summary>
    ConfigurationTimeout,

    /// <summary>The configured overlay interface does not exist.</summary>
    InterfaceMissing,

    /// <summary>The configured overlay interface has no usable address.</summary>
    InterfaceWithoutAddress,

    /// <summary>`ip -json addr show` failed or printed something unreadable.</summary>
    InterfaceQueryFailed,
}
