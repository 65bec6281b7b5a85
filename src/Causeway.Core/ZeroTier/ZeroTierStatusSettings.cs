using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// `config.settings` of `GET /status`: the daemon fills these in even when local.conf is absent. Other local.conf
/// settings (interfacePrefixBlacklist, allowManagementFrom...) may also appear; they are ignored when read.
/// </summary>
public sealed record ZeroTierStatusSettings
{
    [JsonPropertyName("allowSecondaryPort")]
    public bool AllowSecondaryPort { get; init; }

    [JsonPropertyName("allowTcpFallbackRelay")]
    public bool AllowTcpFallbackRelay { get; init; }

    [JsonPropertyName("forceTcpRelay")]
    public bool ForceTcpRelay { get; init; }

    [JsonPropertyName("homeDir")]
    public string HomeDir { get; init; } = "";

    /// <summary>`ip/port` pairs the node listens on for ZeroTier traffic.</summary>
    [JsonPropertyName("listeningOn")]
    public ImmutableArray<string> ListeningOn { get; init; } = [];

    [JsonPropertyName("portMappingEnabled")]
    public bool PortMappingEnabled { get; init; }

    /// <summary>The primary port: ZeroTier's UDP port and the local API's TCP port.</summary>
    [JsonPropertyName("primaryPort")]
    public int PrimaryPort { get; init; }

    [JsonPropertyName("secondaryPort")]
    public int SecondaryPort { get; init; }

    [JsonPropertyName("softwareUpdate")]
    public string SoftwareUpdate { get; init; } = "";

    [JsonPropertyName("softwareUpdateChannel")]
    public string SoftwareUpdateChannel { get; init; } = "";

    /// <summary>`ip/port` pairs peers report seeing this node at.</summary>
    [JsonPropertyName("surfaceAddresses")]
    public ImmutableArray<string> SurfaceAddresses { get; init; } = [];

    [JsonPropertyName("tertiaryPort")]
    public int TertiaryPort { get; init; }
}
