using System.Collections.Immutable;

namespace Causeway.Lab.ZeroTier;

/// <summary>A member of a network on the stand-in's controller, as it is at start.</summary>
public sealed record ZeroTierStandInMember
{
    public required string Address { get; init; }

    public bool Authorized { get; init; }

    /// <summary>Plain IPs, as the controller API takes them.</summary>
    public ImmutableArray<string> IpAssignments { get; init; } = [];

    public bool NoAutoAssignIps { get; init; }

    public bool ActiveBridge { get; init; }

    public string? Name { get; init; }

    /// <summary>null = one made up from the address.</summary>
    public string? Identity { get; init; }
}
