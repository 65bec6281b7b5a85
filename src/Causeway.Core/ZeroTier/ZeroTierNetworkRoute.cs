using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>A managed route of a network as a member sees it.</summary>
/// <param name="Target">CIDR, e.g. `10.222.0.0/24` or `0.0.0.0/0`.</param>
/// <param name="Via">Gateway IP; null means on-link (the network itself).</param>
public sealed record ZeroTierNetworkRoute(
    [property: JsonPropertyName("flags")] int Flags,
    [property: JsonPropertyName("metric")] int Metric,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("via")] string? Via);
