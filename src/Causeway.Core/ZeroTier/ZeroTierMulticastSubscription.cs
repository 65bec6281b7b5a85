using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>A multicast group the tap listens to; `adi` carries the IPv4 address for the ARP broadcast group.</summary>
public sealed record ZeroTierMulticastSubscription(
    [property: JsonPropertyName("adi")] long Adi,
    [property: JsonPropertyName("mac")] string Mac);
