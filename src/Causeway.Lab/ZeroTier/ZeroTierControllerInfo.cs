using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>`GET /controller` of a node that runs the embedded network controller (503 while its DB is not ready).</summary>
public sealed record ZeroTierControllerInfo
{
    [JsonPropertyName("controller")]
    public bool Controller { get; init; }

    [JsonPropertyName("apiVersion")]
    public int ApiVersion { get; init; }

    [JsonPropertyName("clock")]
    public long Clock { get; init; }

    [JsonPropertyName("databaseReady")]
    public bool DatabaseReady { get; init; }
}
