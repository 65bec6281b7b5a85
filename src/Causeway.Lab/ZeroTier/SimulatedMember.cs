using System.Collections.Immutable;
using System.Net;
using System.Text.Json;

namespace Causeway.Lab.ZeroTier;

/// <summary>A member record on the simulated controller (mutable; guarded by the world's lock).</summary>
internal sealed class SimulatedMember(string networkId, string address, string? identity, long creationTime)
{
    public string NetworkId { get; } = networkId;

    public string Address { get; } = address;

    public string? Identity { get; set; } = identity;

    public long CreationTime { get; } = creationTime;

    public bool ActiveBridge { get; set; }

    public long AuthenticationExpiryTime { get; set; }

    public bool Authorized { get; set; }

    public ImmutableArray<JsonElement> Capabilities { get; set; } = [];

    public List<string> IpAssignments { get; } = [];

    public string? LastAuthorizedCredential { get; set; }

    public string? LastAuthorizedCredentialType { get; set; }

    public long LastAuthorizedTime { get; set; }

    public long LastDeauthorizedTime { get; set; }

    public string? Name { get; set; }

    public bool NoAutoAssignIps { get; set; }

    public int RemoteTraceLevel { get; set; }

    public string? RemoteTraceTarget { get; set; }

    /// <summary>Bumped on every save, as the controller's DB does.</summary>
    public long Revision { get; set; }

    public ImmutableArray<JsonElement> Tags { get; set; } = [];

    public int VersionMajor { get; set; } = -1;

    public int VersionMinor { get; set; } = -1;

    public int VersionProtocol { get; set; } = -1;

    public int VersionRev { get; set; } = -1;

    public void Authorize(bool authorized, long now, string credentialType)
    {
        if (authorized == Authorized)
        {
            return;
        }

        Authorized = authorized;
        if (authorized)
        {
            LastAuthorizedTime = now;
            LastAuthorizedCredentialType = credentialType;
            LastAuthorizedCredential = null;
        }
        else
        {
            LastDeauthorizedTime = now;
        }
    }

    /// <summary>What a configuration request records: the member's software version.</summary>
    public bool RecordVersion()
    {
        var changed = (VersionMajor, VersionMinor, VersionRev, VersionProtocol) != (1, 14, 1, 12);
        (VersionMajor, VersionMinor, VersionRev, VersionProtocol) = (1, 14, 1, 12);
        return changed;
    }

    /// <summary>
    /// Applies a `POST /controller/network/{nwid}/member/{id}` body the way EmbeddedNetworkController does:
    /// present keys only, lenient types, ipAssignments replaced whole and canonicalised.
    /// </summary>
    public void Apply(JsonElement body, long now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (body.TryGetProperty("activeBridge", out var value))
        {
            ActiveBridge = ControllerJson.Bool(value, false);
        }

        if (body.TryGetProperty("noAutoAssignIps", out value))
        {
            NoAutoAssignIps = ControllerJson.Bool(value, false);
        }

        if (body.TryGetProperty("authenticationExpiryTime", out value))
        {
            AuthenticationExpiryTime = ControllerJson.Int(value, 0);
        }

        if (body.TryGetProperty("name", out value))
        {
            Name = ControllerJson.String(value, "");
        }

        if (body.TryGetProperty("remoteTraceTarget", out value))
        {
            var target = ControllerJson.String(value, "");
            RemoteTraceTarget = target.Length == 10 ? target : null;
        }

        if (body.TryGetProperty("remoteTraceLevel", out value))
        {
            RemoteTraceLevel = (int)ControllerJson.Int(value, 0);
        }

        if (body.TryGetProperty("authorized", out value))
        {
            Authorize(ControllerJson.Bool(value, false), now, "api");
        }

        if (body.TryGetProperty("ipAssignments", out value) && value.ValueKind == JsonValueKind.Array)
        {
            IpAssignments.Clear();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && IPAddress.TryParse(item.GetString(), out var ip))
                {
                    IpAssignments.Add(ip.ToString());
                }
            }
        }

        if (body.TryGetProperty("tags", out value) && value.ValueKind == JsonValueKind.Array)
        {
            var tags = new SortedDictionary<long, long>();
            foreach (var tag in value.EnumerateArray())
            {
                if (tag.ValueKind == JsonValueKind.Array && tag.GetArrayLength() == 2)
                {
                    tags[ControllerJson.Int(tag[0], 0) & 0xFFFF_FFFF] = ControllerJson.Int(tag[1], 0) & 0xFFFF_FFFF;
                }
            }

            Tags = [.. tags.Select(t => ControllerJson.Parse($"[{t.Key},{t.Value}]"))];
        }

        if (body.TryGetProperty("capabilities", out value) && value.ValueKind == JsonValueKind.Array)
        {
            Capabilities = [.. value.EnumerateArray().Select(c => ControllerJson.Int(c, 0)).Distinct().Order()
                .Select(c => ControllerJson.Parse(c.ToString()))];
        }
    }

    public ZeroTierControllerMember ToRecord() => new()
    {
        ActiveBridge = ActiveBridge,
        Address = Address,
        AuthenticationExpiryTime = AuthenticationExpiryTime,
        Authorized = Authorized,
        Capabilities = Capabilities,
        CreationTime = CreationTime,
        Id = Address,
        Identity = Identity,
        IpAssignments = [.. IpAssignments],
        LastAuthorizedCredential = LastAuthorizedCredential,
        LastAuthorizedCredentialType = LastAuthorizedCredentialType,
        LastAuthorizedTime = LastAuthorizedTime,
        LastDeauthorizedTime = LastDeauthorizedTime,
        Name = Name,
        NoAutoAssignIps = NoAutoAssignIps,
        Nwid = NetworkId,
        RemoteTraceLevel = RemoteTraceLevel,
        RemoteTraceTarget = RemoteTraceTarget,
        Revision = Revision,
        Tags = Tags,
        VersionMajor = VersionMajor,
        VersionMinor = VersionMinor,
        VersionProtocol = VersionProtocol,
        VersionRev = VersionRev,
    };
}
