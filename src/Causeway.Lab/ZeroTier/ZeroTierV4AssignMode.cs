using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>`v4AssignMode` of a controller network: `zt` = auto-assign from the pools.</summary>
public sealed record ZeroTierV4AssignMode
{
    [JsonPropertyName("zt")]
    public bool Zt { get; init; }
}
