namespace Causeway.Core.Config;

/// <summary>
/// Key paths of the config file, for <see cref="ConfigSourceMap"/> look-ups and messages
/// (e.g. <c>sources.Locate(ConfigKeys.EgressAuth)</c> to point at the line that names the auth file).
/// </summary>
public static class ConfigKeys
{
    public const string Instance = "instance";
    public const string Overlay = "overlay";
    public const string Egress = "egress";

    /// <summary>The OpenVPN access servers (Duo): optional.</summary>
    public const string Access = "access";

    /// <summary>The daemon's optional TCP listener: optional.</summary>
    public const string Service = "service";

    public const string InstanceName = "instance.name";
    public const string InstanceStateDir = "instance.state_dir";
    public const string InstanceRunDir = "instance.run_dir";
    public const string InstanceNftTable = "instance.nft_table";
    public const string InstanceRouteTable = "instance.route_table";
    public const string InstanceRulePriority = "instance.rule_priority";
    public const string InstanceReconcileIntervalSeconds = "instance.reconcile_interval_seconds";

    public const string OverlayZeroTierNetwork = "overlay.zerotier_network";
    public const string OverlayZeroTierHome = "overlay.zerotier_home";
    public const string OverlayZeroTierPort = "overlay.zerotier_port";
    public const string OverlayZeroTierWaitSeconds = "overlay.zerotier_wait_seconds";
    public const string OverlayInterface = "overlay.interface";
    public const string OverlaySubnets = "overlay.subnets";
    public const string OverlayAllowLan = "overlay.allow_lan";
    public const string OverlayMasqueradeLan = "overlay.masquerade_lan";

    public const string EgressProfile = "egress.profile";
    public const string EgressAuth = "egress.auth";
    public const string EgressFallbackDns = "egress.fallback_dns";
    public const string EgressDevice = "egress.device";
    public const string EgressPingSeconds = "egress.ping_seconds";
    public const string EgressPingRestartSeconds = "egress.ping_restart_seconds";
    public const string EgressFastIo = "egress.fast_io";
    public const string EgressSocketBufferBytes = "egress.socket_buffer_bytes";
    public const string EgressTxQueueLength = "egress.txqueuelen";
    public const string EgressOverlayGateway = "egress.overlay_gateway";
    public const string EgressInternetProbe = "egress.internet_probe";
    public const string EgressGatewayStatusPort = "egress.gateway_status_port";
    public const string EgressMonthlyBudgetGb = "egress.monthly_budget_gb";

    public const string AccessPublicAddress = "access.public_address";
    public const string AccessUdpPort = "access.udp_port";
    public const string AccessTcpPort = "access.tcp_port";
    public const string AccessPool = "access.pool";
    public const string AccessAllowInternet = "access.allow_internet";
    public const string AccessAllowOverlay = "access.allow_overlay";
    public const string AccessMasqueradeOverlay = "access.masquerade_overlay";
    public const string AccessClientToClient = "access.client_to_client";
    public const string AccessDns = "access.dns";
    public const string AccessBlockIpv6 = "access.block_ipv6";
    public const string AccessUdpDevice = "access.udp_device";
    public const string AccessTcpDevice = "access.tcp_device";

    public const string ServiceListen = "service.listen";

    /// <summary>The path of one element of an array key: <c>Element("overlay.subnets", 1)</c> is "overlay.subnets[1]".</summary>
    public static string Element(string arrayKey, int index) => $"{arrayKey}[{index}]";
}
