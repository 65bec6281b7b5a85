using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// Body of `POST /network/{nwid}`: the only writable fields of a joined network. Null means "leave as it is"
/// and is not sent (zerotier-one ignores keys of the wrong type silently, so never send anything but booleans).
/// </summary>
public sealed record ZeroTierNetworkSettingsUpdate
{
    [JsonPropertyName("allowDNS")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowDns { get; init; }

    [JsonPropertyName("allowDefault")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowDefault { get; init; }

    [JsonPropertyName("allowGlobal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowGlobal { get; init; }

    [JsonPropertyName("allowManaged")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowManaged { get; init; }
}
