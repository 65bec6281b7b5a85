using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// A joined network as zerotier-one's local API shows it (`GET /network`, `GET|POST /network/{nwid}`).
/// Properties are in zerotier-one's (sorted) key order. <see cref="Status"/> stays a string so that a status a
/// newer daemon invents is still shown as it is; <see cref="StatusKind"/> is its meaning.
/// </summary>
public sealed record ZeroTierNetwork
{
    /// <summary>Local setting; does nothing on Linux (zerotier-one never sets DNS there).</summary>
    [JsonPropertyName("allowDNS")]
    public bool AllowDns { get; init; }

    /// <summary>Local setting: install the controller's 0.0.0.0/0 (as 0.0.0.0/1 + 128.0.0.0/1 on Linux).</summary>
    [JsonPropertyName("allowDefault")]
    public bool AllowDefault { get; init; }

    /// <summary>Local setting: install routes and addresses in global (public) IP scope.</summary>
    [JsonPropertyName("allowGlobal")]
    public bool AllowGlobal { get; init; }

    /// <summary>Local setting: put the assigned addresses and managed routes on the interface at all.</summary>
    [JsonPropertyName("allowManaged")]
    public bool AllowManaged { get; init; } = true;

    /// <summary>`address/prefix` strings, IPv4 and IPv6, e.g. `10.222.0.1/24`.</summary>
    [JsonPropertyName("assignedAddresses")]
    public ImmutableArray<string> AssignedAddresses { get; init; } = [];

    /// <summary>Only present when the network uses SSO.</summary>
    [JsonPropertyName("authenticationExpiryTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? AuthenticationExpiryTime { get; init; }

    /// <summary>Only present when the network uses SSO: where the user logs in.</summary>
    [JsonPropertyName("authenticationURL")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuthenticationUrl { get; init; }

    [JsonPropertyName("bridge")]
    public bool Bridge { get; init; }

    [JsonPropertyName("broadcastEnabled")]
    public bool BroadcastEnabled { get; init; }

    [JsonPropertyName("dhcp")]
    public bool Dhcp { get; init; }

    /// <summary>Pushed by the controller; zerotier-one does not apply it on Linux.</summary>
    [JsonPropertyName("dns")]
    public ZeroTierNetworkDns Dns { get; init; } = new();

    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("mac")]
    public string Mac { get; init; } = "";

    [JsonPropertyName("mtu")]
    public int Mtu { get; init; }

    [JsonPropertyName("multicastSubscriptions")]
    public ImmutableArray<ZeroTierMulticastSubscription> MulticastSubscriptions { get; init; } = [];

    /// <summary>Set by the controller; empty until the first configuration arrives.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>0 until the first configuration arrives.</summary>
    [JsonPropertyName("netconfRevision")]
    public long NetconfRevision { get; init; }

    /// <summary>The legacy twin of <see cref="Id"/>.</summary>
    [JsonPropertyName("nwid")]
    public string Nwid { get; init; } = "";

    /// <summary>The Linux interface, e.g. `zt2nvuuqiv`; set even before the configuration arrives.</summary>
    [JsonPropertyName("portDeviceName")]
    public string PortDeviceName { get; init; } = "";

    /// <summary>Error code of the tap driver when <see cref="Status"/> is PORT_ERROR.</summary>
    [JsonPropertyName("portError")]
    public int PortError { get; init; }

    [JsonPropertyName("routes")]
    public ImmutableArray<ZeroTierNetworkRoute> Routes { get; init; } = [];

    /// <summary>Only present when the network uses SSO.</summary>
    [JsonPropertyName("ssoEnabled")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SsoEnabled { get; init; }

    /// <summary>REQUESTING_CONFIGURATION, OK, ACCESS_DENIED, NOT_FOUND, PORT_ERROR, CLIENT_TOO_OLD, AUTHENTICATION_REQUIRED.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    /// <summary>PRIVATE or PUBLIC.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [JsonIgnore]
    public ZeroTierNetworkStatus StatusKind => ZeroTierNetworkStatusNames.Parse(Status);
}
