using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>This node's side of a joined network: local settings and the last configuration it received.</summary>
internal sealed class SimulatedMembership(string networkId, string portDeviceName, ulong mac)
{
    public string NetworkId { get; } = networkId;

    public string PortDeviceName { get; } = portDeviceName;

    public ulong Mac { get; } = mac;

    public bool AllowManaged { get; set; } = true;

    public bool AllowGlobal { get; set; }

    public bool AllowDefault { get; set; }

    public bool AllowDns { get; set; }

    /// <summary>Forced status from the scenario, or null.</summary>
    public string? StatusOverride { get; set; }

    public int PortError { get; set; } = -1;

    public string? AuthenticationUrl { get; set; }

    public DeliveredNetworkConfig Config { get; set; } =
        DeliveredNetworkConfig.Unconfigured(ZeroTierNetworkStatusNames.RequestingConfiguration);

    public List<PendingEvent> Pending { get; } = [];

    public ZeroTierNetwork ToRecord()
    {
        var config = StatusOverride switch
        {
            null => Config,
            ZeroTierNetworkStatusNames.RequestingConfiguration => DeliveredNetworkConfig.Unconfigured(StatusOverride),
            _ => Config with { Status = StatusOverride },
        };
        var sso = StatusOverride == ZeroTierNetworkStatusNames.AuthenticationRequired;
        return new ZeroTierNetwork
        {
            AllowDns = AllowDns,
            AllowDefault = AllowDefault,
            AllowGlobal = AllowGlobal,
            AllowManaged = AllowManaged,
            AssignedAddresses = config.AssignedAddresses,
            AuthenticationExpiryTime = sso ? 0 : null,
            AuthenticationUrl = sso ? AuthenticationUrl ?? "" : null,
            Bridge = config.Bridge,
            BroadcastEnabled = config.BroadcastEnabled,
            Dhcp = false,
            Dns = config.Dns,
            Id = NetworkId,
            Mac = ZeroTierMac.Format(Mac),
            Mtu = config.Mtu,
            MulticastSubscriptions = config.Revision > 0 ? ZeroTierTapSubscriptions.Of(Mac, config.AssignedAddresses) : [],
            Name = config.Name,
            NetconfRevision = config.Revision,
            Nwid = NetworkId,
            PortDeviceName = PortDeviceName,
            PortError = config.Status == ZeroTierNetworkStatusNames.PortError ? PortError : 0,
            Routes = config.Routes,
            SsoEnabled = sso ? true : null,
            Status = config.Status,
            Type = config.Private ? "PRIVATE" : "PUBLIC",
        };
    }
}
