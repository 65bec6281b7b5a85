using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>The `config` object of `GET /status`: local.conf as the daemon sees it.</summary>
public sealed record ZeroTierStatusConfig
{
    [JsonPropertyName("settings")]
    public ZeroTierStatusSettings Settings { get; init; } = new();
}
