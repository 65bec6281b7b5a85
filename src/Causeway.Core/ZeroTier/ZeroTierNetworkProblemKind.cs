namespace Causeway.Core.ZeroTier;

/// <summary>Why a joined network cannot be used (yet) as Causeway's overlay.</summary>
public enum ZeroTierNetworkProblemKind
{
    RequestingConfiguration,
    AccessDenied,
    NotFound,
    PortError,
    ClientTooOld,
    AuthenticationRequired,

    /// <summary>A status this code does not know.</summary>
    UnknownStatus,

    /// <summary>OK, but no address is assigned to this node (yet: auto-assigned addresses come a request later).</summary>
    NoAddresses,

    /// <summary>allowManaged is off: zerotier-one leaves the interface without the assigned addresses.</summary>
    ManagedAddressesDisabled,
}
