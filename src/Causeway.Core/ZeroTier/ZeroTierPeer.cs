using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// A peer (`GET /peer`, `GET /peer/{address}`). A LEAF with no paths is reached through relays only. Bonding
/// fields (only with multipath) are not modelled and are ignored when read.
/// </summary>
public sealed record ZeroTierPeer
{
    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    [JsonPropertyName("isBonded")]
    public bool IsBonded { get; init; }

    /// <summary>Milliseconds; -1 when unknown.</summary>
    [JsonPropertyName("latency")]
    public int Latency { get; init; }

    [JsonPropertyName("paths")]
    public ImmutableArray<ZeroTierPeerPath> Paths { get; init; } = [];

    /// <summary>LEAF, MOON or PLANET.</summary>
    [JsonPropertyName("role")]
    public string Role { get; init; } = "";

    /// <summary>True for every peer while the TCP fallback relay is in use.</summary>
    [JsonPropertyName("tunneled")]
    public bool Tunneled { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("versionMajor")]
    public int VersionMajor { get; init; }

    [JsonPropertyName("versionMinor")]
    public int VersionMinor { get; init; }

    [JsonPropertyName("versionRev")]
    public int VersionRev { get; init; }
}
