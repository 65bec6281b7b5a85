using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// A network on a self-hosted controller (`GET|POST /controller/network/{nwid}`). Fields whose shape varies or
/// that Causeway never interprets stay raw <see cref="JsonElement"/>s: `authTokens` is `[null]` by default, `dns`
/// is `[]` until set and then `{"domain":..,"servers":[..]}`, `rules`/`tags`/`capabilities` are rule objects.
/// </summary>
public sealed record ZeroTierControllerNetwork
{
    [JsonPropertyName("authTokens")]
    public JsonElement AuthTokens { get; init; }

    [JsonPropertyName("authorizationEndpoint")]
    public string AuthorizationEndpoint { get; init; } = "";

    [JsonPropertyName("capabilities")]
    public ImmutableArray<JsonElement> Capabilities { get; init; } = [];

    [JsonPropertyName("clientId")]
    public string ClientId { get; init; } = "";

    [JsonPropertyName("creationTime")]
    public long CreationTime { get; init; }

    [JsonPropertyName("dns")]
    public JsonElement Dns { get; init; }

    [JsonPropertyName("enableBroadcast")]
    public bool EnableBroadcast { get; init; }

    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("ipAssignmentPools")]
    public ImmutableArray<ZeroTierIpAssignmentPool> IpAssignmentPools { get; init; } = [];

    [JsonPropertyName("mtu")]
    public int Mtu { get; init; }

    [JsonPropertyName("multicastLimit")]
    public int MulticastLimit { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("nwid")]
    public string Nwid { get; init; } = "";

    [JsonPropertyName("objtype")]
    public string ObjectType { get; init; } = "network";

    [JsonPropertyName("private")]
    public bool Private { get; init; }

    [JsonPropertyName("remoteTraceLevel")]
    public int RemoteTraceLevel { get; init; }

    [JsonPropertyName("remoteTraceTarget")]
    public string? RemoteTraceTarget { get; init; }

    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("routes")]
    public ImmutableArray<ZeroTierControllerRoute> Routes { get; init; } = [];

    [JsonPropertyName("rules")]
    public ImmutableArray<JsonElement> Rules { get; init; } = [];

    [JsonPropertyName("rulesSource")]
    public string RulesSource { get; init; } = "";

    [JsonPropertyName("ssoEnabled")]
    public bool SsoEnabled { get; init; }

    [JsonPropertyName("tags")]
    public ImmutableArray<JsonElement> Tags { get; init; } = [];

    [JsonPropertyName("v4AssignMode")]
    public ZeroTierV4AssignMode V4AssignMode { get; init; } = new();

    [JsonPropertyName("v6AssignMode")]
    public ZeroTierV6AssignMode V6AssignMode { get; init; } = new();
}
