using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>`v6AssignMode` of a controller network.</summary>
public sealed record ZeroTierV6AssignMode
{
    /// <summary>An fc.. /80 address derived from the network id and the node address.</summary>
    [JsonPropertyName("6plane")]
    public bool SixPlane { get; init; }

    /// <summary>An fd.. /88 address derived from the network id and the node address.</summary>
    [JsonPropertyName("rfc4193")]
    public bool Rfc4193 { get; init; }

    /// <summary>Auto-assign from IPv6 pools.</summary>
    [JsonPropertyName("zt")]
    public bool Zt { get; init; }
}
