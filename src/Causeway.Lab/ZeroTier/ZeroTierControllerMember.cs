using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>A member of a controller network (`GET|POST /controller/network/{nwid}/member/{id}`).</summary>
public sealed record ZeroTierControllerMember
{
    [JsonPropertyName("activeBridge")]
    public bool ActiveBridge { get; init; }

    [JsonPropertyName("address")]
    public string Address { get; init; } = "";

    [JsonPropertyName("authenticationExpiryTime")]
    public long AuthenticationExpiryTime { get; init; }

    [JsonPropertyName("authorized")]
    public bool Authorized { get; init; }

    [JsonPropertyName("capabilities")]
    public ImmutableArray<JsonElement> Capabilities { get; init; } = [];

    [JsonPropertyName("creationTime")]
    public long CreationTime { get; init; }

    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The member's public identity, learnt from its first configuration request (absent before).</summary>
    [JsonPropertyName("identity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Identity { get; init; }

    /// <summary>Plain IPs (no prefix length). Auto-assigned addresses land here on the member's next request.</summary>
    [JsonPropertyName("ipAssignments")]
    public ImmutableArray<string> IpAssignments { get; init; } = [];

    [JsonPropertyName("lastAuthorizedCredential")]
    public string? LastAuthorizedCredential { get; init; }

    /// <summary>null until authorized; `api` when authorized through this API.</summary>
    [JsonPropertyName("lastAuthorizedCredentialType")]
    public string? LastAuthorizedCredentialType { get; init; }

    [JsonPropertyName("lastAuthorizedTime")]
    public long LastAuthorizedTime { get; init; }

    [JsonPropertyName("lastDeauthorizedTime")]
    public long LastDeauthorizedTime { get; init; }

    /// <summary>Only present once set through the API.</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("noAutoAssignIps")]
    public bool NoAutoAssignIps { get; init; }

    [JsonPropertyName("nwid")]
    public string Nwid { get; init; } = "";

    [JsonPropertyName("objtype")]
    public string ObjectType { get; init; } = "member";

    [JsonPropertyName("remoteTraceLevel")]
    public int RemoteTraceLevel { get; init; }

    [JsonPropertyName("remoteTraceTarget")]
    public string? RemoteTraceTarget { get; init; }

    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("ssoExempt")]
    public bool SsoExempt { get; init; }

    [JsonPropertyName("tags")]
    public ImmutableArray<JsonElement> Tags { get; init; } = [];

    /// <summary>-1 until the member has sent a configuration request while authorized.</summary>
    [JsonPropertyName("vMajor")]
    public int VersionMajor { get; init; } = -1;

    [JsonPropertyName("vMinor")]
    public int VersionMinor { get; init; } = -1;

    [JsonPropertyName("vProto")]
    public int VersionProtocol { get; init; } = -1;

    [JsonPropertyName("vRev")]
    public int VersionRev { get; init; } = -1;
}
