using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>One physical path to a peer.</summary>
public sealed record ZeroTierPeerPath
{
    [JsonPropertyName("active")]
    public bool Active { get; init; }

    /// <summary>`ip/port`.</summary>
    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    [JsonPropertyName("expired")]
    public bool Expired { get; init; }

    /// <summary>Milliseconds since the Unix epoch; 0 = never.</summary>
    [JsonPropertyName("lastReceive")]
    public long LastReceive { get; init; }

    /// <summary>Milliseconds since the Unix epoch; 0 = never.</summary>
    [JsonPropertyName("lastSend")]
    public long LastSend { get; init; }

    [JsonPropertyName("localPort")]
    public int LocalPort { get; init; }

    /// <summary>An opaque socket handle (a pointer value in the daemon), hence 64 bits.</summary>
    [JsonPropertyName("localSocket")]
    public long LocalSocket { get; init; }

    [JsonPropertyName("preferred")]
    public bool Preferred { get; init; }

    [JsonPropertyName("trustedPathId")]
    public long TrustedPathId { get; init; }
}
