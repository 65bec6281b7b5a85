using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>An address range the controller auto-assigns member addresses from.</summary>
public sealed record ZeroTierIpAssignmentPool(
    [property: JsonPropertyName("ipRangeEnd")] string IpRangeEnd,
    [property: JsonPropertyName("ipRangeStart")] string IpRangeStart);
