using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// `GET /status` of zerotier-one's local API. Properties are declared in the order zerotier-one writes them
/// (its JSON library sorts keys byte-wise), so that what we serialize (the lab stand-in) reads like the real thing.
/// </summary>
public sealed record ZeroTierStatus
{
    /// <summary>This node's 10-hex-digit ZeroTier address.</summary>
    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    /// <summary>Milliseconds since the Unix epoch, by the daemon's clock.</summary>
    [JsonPropertyName("clock")]
    public long Clock { get; init; }

    /// <summary>local.conf, with its `settings` filled out by the daemon.</summary>
    [JsonPropertyName("config")]
    public ZeroTierStatusConfig Config { get; init; } = new();

    /// <summary>A root (or upstream) can be reached. False for the first seconds after a start.</summary>
    [JsonPropertyName("online")]
    public bool Online { get; init; }

    [JsonPropertyName("planetWorldId")]
    public long PlanetWorldId { get; init; }

    [JsonPropertyName("planetWorldTimestamp")]
    public long PlanetWorldTimestamp { get; init; }

    [JsonPropertyName("publicIdentity")]
    public string PublicIdentity { get; init; } = "";

    /// <summary>UDP is blocked and traffic goes through ZeroTier's TCP relay (slow; every peer is then `tunneled`).</summary>
    [JsonPropertyName("tcpFallbackActive")]
    public bool TcpFallbackActive { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("versionBuild")]
    public int VersionBuild { get; init; }

    [JsonPropertyName("versionMajor")]
    public int VersionMajor { get; init; }

    [JsonPropertyName("versionMinor")]
    public int VersionMinor { get; init; }

    [JsonPropertyName("versionRev")]
    public int VersionRev { get; init; }
}
