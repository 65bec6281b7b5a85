using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>`GET /health`: the one endpoint that needs no token.</summary>
public sealed record ZeroTierHealth
{
    [JsonPropertyName("clock")]
    public long Clock { get; init; }

    [JsonPropertyName("online")]
    public bool Online { get; init; }

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
