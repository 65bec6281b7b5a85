using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>A route as a controller stores it (members see it with flags and metric added).</summary>
/// <param name="Target">CIDR.</param>
/// <param name="Via">Gateway IP, or null for on-link.</param>
public sealed record ZeroTierControllerRoute(
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("via")] string? Via);
