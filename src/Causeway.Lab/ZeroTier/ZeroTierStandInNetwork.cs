using System.Collections.Immutable;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// A network of the stand-in's world: its definition on the (simulated) controller, and whether and how this node
/// has joined it. The stand-in plays the controller of every network in its world, whatever the id's prefix.
/// </summary>
public sealed record ZeroTierStandInNetwork
{
    /// <summary>16 hex digits.</summary>
    public required string Id { get; init; }

    public string Name { get; init; } = "";

    public bool Private { get; init; } = true;

    public bool EnableBroadcast { get; init; } = true;

    public int Mtu { get; init; } = 2800;

    public int MulticastLimit { get; init; } = 32;

    public ImmutableArray<ZeroTierControllerRoute> Routes { get; init; } = [];

    public ImmutableArray<ZeroTierIpAssignmentPool> IpAssignmentPools { get; init; } = [];

    public ZeroTierV4AssignMode V4AssignMode { get; init; } = new();

    public ZeroTierV6AssignMode V6AssignMode { get; init; } = new();

    /// <summary>null = none pushed (the controller stores `[]`).</summary>
    public ZeroTierNetworkDns? Dns { get; init; }

    public ImmutableArray<ZeroTierStandInMember> Members { get; init; } = [];

    /// <summary>False: the controller does not know the network, so a member that joins it gets NOT_FOUND.</summary>
    public bool OnController { get; init; } = true;

    /// <summary>This node has joined it at start (with its configuration already there, as after a restart).</summary>
    public bool Joined { get; init; } = true;

    public bool AllowManaged { get; init; } = true;

    public bool AllowGlobal { get; init; }

    public bool AllowDefault { get; init; }

    public bool AllowDns { get; init; }

    /// <summary>null = derived from the id, as zerotier-one does on Linux.</summary>
    public string? PortDeviceName { get; init; }

    /// <summary>
    /// Force this node's view of the network to a status: REQUESTING_CONFIGURATION (the controller never answers),
    /// PORT_ERROR, CLIENT_TOO_OLD, AUTHENTICATION_REQUIRED... null = what the simulated controller says.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>portError shown with a forced PORT_ERROR.</summary>
    public int PortError { get; init; } = -1;

    /// <summary>With a forced AUTHENTICATION_REQUIRED: the SSO URL the network shows.</summary>
    public string? AuthenticationUrl { get; init; }
}
