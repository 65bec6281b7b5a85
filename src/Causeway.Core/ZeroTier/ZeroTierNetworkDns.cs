using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>The DNS settings a controller pushes. zerotier-one does not apply them on Linux.</summary>
public sealed record ZeroTierNetworkDns
{
    [JsonPropertyName("domain")]
    public string Domain { get; init; } = "";

    [JsonPropertyName("servers")]
    public ImmutableArray<string> Servers { get; init; } = [];
}
