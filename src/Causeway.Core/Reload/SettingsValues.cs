using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;

namespace Causeway.Core.Reload;

/// <summary>
/// The validated settings as one value per config key (defaults filled in, a key that does not apply absent), so
/// that two configs compare key by key: what <see cref="ReloadPlan.Between"/> diffs. Values are for comparing and
/// for messages only.
/// </summary>
public static class SettingsValues
{
    public static ImmutableSortedDictionary<string, string> Of(CausewaySettings settings)
    {
        var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                values[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        var instance = settings.Instance;
        Add(ConfigKeys.InstanceName, instance.Name);
        Add(ConfigKeys.InstanceStateDir, instance.StateDirectory);
        Add(ConfigKeys.InstanceRunDir, instance.RunDirectory);
        Add(ConfigKeys.InstanceNftTable, instance.NftTable);
        Add(ConfigKeys.InstanceRouteTable, instance.RouteTable);
        Add(ConfigKeys.InstanceRulePriority, instance.RulePriority);
        Add(ConfigKeys.InstanceReconcileIntervalSeconds, instance.ReconcileInterval.TotalSeconds);

        var overlay = settings.Overlay;
        switch (overlay.Source)
        {
            case ZeroTierOverlaySource zeroTier:
                Add(ConfigKeys.OverlayZeroTierNetwork, zeroTier.NetworkId);
                Add(ConfigKeys.OverlayZeroTierHome, zeroTier.HomeDirectory);
                Add(ConfigKeys.OverlayZeroTierPort, zeroTier.Port);
                Add(ConfigKeys.OverlayZeroTierWaitSeconds, zeroTier.ConfigurationWait.TotalSeconds);
                break;
            case InterfaceOverlaySource plain:
                Add(ConfigKeys.OverlayInterface, plain.InterfaceName);
                Add(ConfigKeys.OverlaySubnets, List(plain.Subnets));
                break;
        }

        Add(ConfigKeys.OverlayAllowLan, List(overlay.AllowedLans));
        Add(ConfigKeys.OverlayMasqueradeLan, overlay.MasqueradeLans);

        var egress = settings.Egress;
        Add(ReloadKeys.EgressKind, egress.IsOverlayGateway ? ConfigKeys.EgressOverlayGateway : ConfigKeys.EgressProfile);
        Add(ConfigKeys.EgressProfile, egress.ProfilePath);
        Add(ConfigKeys.EgressAuth, egress.AuthPath);
        Add(ConfigKeys.EgressFallbackDns, egress.FallbackDns);
        Add(ConfigKeys.EgressOverlayGateway, egress.OverlayGateway);
        Add(ConfigKeys.EgressInternetProbe, egress.InternetProbe?.ToString() ?? "none");
        Add(ConfigKeys.EgressGatewayStatusPort, egress.GatewayStatusPort);
        Add(ConfigKeys.EgressPingSeconds, egress.Tuning.PingSeconds);
        if (!egress.IsOverlayGateway)
        {
            // The tunnel's own options: refused beside overlay_gateway, where this host runs no tunnel.
            Add(ConfigKeys.EgressDevice, egress.DeviceName);
            Add(ConfigKeys.EgressPingRestartSeconds, egress.Tuning.PingRestartSeconds);
            Add(ConfigKeys.EgressFastIo, egress.Tuning.FastIo);
            Add(ConfigKeys.EgressSocketBufferBytes, egress.Tuning.SocketBufferBytes);
            Add(ConfigKeys.EgressTxQueueLength, egress.Tuning.TxQueueLength);
        }

        if (settings.Access is { } access)
        {
            Add(ReloadKeys.AccessSection, "on");
            Add(ConfigKeys.AccessPublicAddress, access.PublicAddress);
            Add(ConfigKeys.AccessUdpPort, access.Udp?.Port ?? 0);
            Add(ConfigKeys.AccessTcpPort, access.Tcp?.Port ?? 0);
            Add(ConfigKeys.AccessUdpDevice, access.Udp?.DeviceName);
            Add(ConfigKeys.AccessTcpDevice, access.Tcp?.DeviceName);
            Add(ConfigKeys.AccessPool, access.Pool);
            Add(ConfigKeys.AccessAllowInternet, access.AllowInternet);
            Add(ConfigKeys.AccessAllowOverlay, access.AllowOverlay);
            Add(ConfigKeys.AccessMasqueradeOverlay, access.MasqueradeOverlay);
            Add(ConfigKeys.AccessClientToClient, access.ClientToClient);
            Add(ConfigKeys.AccessDns, List((access.DnsViaServer ? ["server"] : Array.Empty<object>()).Concat(access.DnsServers)));
            Add(ConfigKeys.AccessBlockIpv6, access.BlockIpv6);
        }

        return values.ToImmutable();
    }

    private static string List(IEnumerable<object> items) => $"[{string.Join(", ", items)}]";

    private static string List(ImmutableArray<IPNetwork> networks) => List(networks.IsDefault ? [] : networks.Cast<object>());
}
