using System.Collections.Frozen;
using Causeway.Core.Config;

namespace Causeway.Core.Reload;

/// <summary>
/// Which key restarts what on a reload (<see cref="ReloadEffect"/>): the table docs/service.md shows. A key missing
/// here is taken as <see cref="ReloadEffect.Restart"/>: a new key is refused live until someone says what it needs.
/// </summary>
public static class ReloadKeys
{
    /// <summary>
    /// Not a key of the file: which egress this host has, a provider tunnel (`profile`) or a gateway on the overlay
    /// (`overlay_gateway`). Switching between the two is not a reload.
    /// </summary>
    public const string EgressKind = ConfigKeys.Egress;

    /// <summary>Not a key of the file: whether it has an [access] section. Adding or removing it is not a reload.</summary>
    public const string AccessSection = ConfigKeys.Access;

    /// <summary>What changed when the profile's path did not, but what it renders into did (the file's content).</summary>
    public const string ProfileContent = ConfigKeys.EgressProfile + " (its content)";

    public static readonly FrozenDictionary<string, ReloadEffect> Effects = new Dictionary<string, ReloadEffect>(StringComparer.Ordinal)
    {
        // The names Causeway owns on the host: changing them live would strand what the old names own.
        [ConfigKeys.InstanceName] = ReloadEffect.Restart,
        [ConfigKeys.InstanceStateDir] = ReloadEffect.Restart,
        [ConfigKeys.InstanceRunDir] = ReloadEffect.Restart,
        [ConfigKeys.InstanceNftTable] = ReloadEffect.Restart,
        [ConfigKeys.InstanceRouteTable] = ReloadEffect.Restart,
        [ConfigKeys.InstanceRulePriority] = ReloadEffect.Restart,
        [ConfigKeys.InstanceReconcileIntervalSeconds] = ReloadEffect.Interval,

        // Which overlay: `up` resolves it once, waiting for ZeroTier; the watch then only follows that one.
        [ConfigKeys.OverlayZeroTierNetwork] = ReloadEffect.Restart,
        [ConfigKeys.OverlayZeroTierHome] = ReloadEffect.Restart,
        [ConfigKeys.OverlayZeroTierPort] = ReloadEffect.Restart,
        [ConfigKeys.OverlayZeroTierWaitSeconds] = ReloadEffect.Restart,
        [ConfigKeys.OverlayInterface] = ReloadEffect.Restart,
        [ConfigKeys.OverlaySubnets] = ReloadEffect.Restart,
        [ConfigKeys.OverlayAllowLan] = ReloadEffect.Reconcile,
        [ConfigKeys.OverlayMasqueradeLan] = ReloadEffect.Reconcile,

        [EgressKind] = ReloadEffect.Restart,
        [ConfigKeys.EgressProfile] = ReloadEffect.Tunnel,
        [ProfileContent] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressAuth] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressFallbackDns] = ReloadEffect.Reconcile,
        [ConfigKeys.EgressDevice] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressPingSeconds] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressPingRestartSeconds] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressFastIo] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressSocketBufferBytes] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressTxQueueLength] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressOverlayGateway] = ReloadEffect.Tunnel,
        [ConfigKeys.EgressInternetProbe] = ReloadEffect.Hops,
        [ConfigKeys.EgressGatewayStatusPort] = ReloadEffect.Reconcile,

        // Read once at start: the traffic watch keeps the month's counts against the budget it started with.
        [ConfigKeys.EgressMonthlyBudgetGb] = ReloadEffect.Restart,

        // The optional TCP listener binds once, as the daemon starts.
        [ConfigKeys.ServiceListen] = ReloadEffect.Restart,

        // The servers need `up`'s checks of the address profiles connect to (public, or the uplink's) and of the PKI.
        [AccessSection] = ReloadEffect.Restart,
        [ConfigKeys.AccessPublicAddress] = ReloadEffect.Restart,

        // Written into the servers' configs, which OpenVPN reads only when it starts.
        [ConfigKeys.AccessUdpPort] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessTcpPort] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessPool] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessUdpDevice] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessTcpDevice] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessAllowInternet] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessAllowOverlay] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessClientToClient] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessDns] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessBlockIpv6] = ReloadEffect.AccessServers,
        [ConfigKeys.AccessMasqueradeOverlay] = ReloadEffect.Reconcile,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The effect of a change of <paramref name="key"/>; <see cref="ReloadEffect.Restart"/> for a key not in the table.</summary>
    public static ReloadEffect Of(string key) => Effects.TryGetValue(key, out var effect) ? effect : ReloadEffect.Restart;
}
