namespace Causeway.Lab.Uno;

/// <summary>The names of the Uno checks, in the order they are reported.</summary>
public static class UnoCheckNames
{
    public const string EgressViaProvider = "egress-via-provider";
    public const string HostRouteUntouched = "host-route-untouched";
    public const string HostTrafficDirect = "host-traffic-direct";
    public const string DnsViaTunnel = "dns-via-tunnel";
    public const string Ipv6NotLeaked = "ipv6-not-leaked";
    public const string TunnelInjectionNoLeak = "tunnel-injection-no-leak";
    public const string KillSwitchProviderDown = "kill-switch-provider-down";
    public const string KillSwitchOpenVpnKilled = "kill-switch-openvpn-killed";
    public const string KillSwitchRouteLayerAlone = "kill-switch-route-layer-alone";
    public const string KillSwitchNftLayerAlone = "kill-switch-nft-layer-alone";
    public const string LeakDetectorSeesLeaks = "leak-detector-sees-leaks";
    public const string RebootNoLeak = "reboot-no-leak";
    public const string RecoversAfterProviderRestart = "recovers-after-provider-restart";
    public const string DownLeavesNoResidue = "down-leaves-no-residue";
    public const string NoLeaksForTheLifeOfTheWorld = "no-leaks-for-the-life-of-the-world";

    public static readonly IReadOnlyList<string> All =
    [
        EgressViaProvider,
        HostRouteUntouched,
        HostTrafficDirect,
        DnsViaTunnel,
        Ipv6NotLeaked,
        TunnelInjectionNoLeak,
        KillSwitchProviderDown,
        KillSwitchOpenVpnKilled,
        KillSwitchRouteLayerAlone,
        KillSwitchNftLayerAlone,
        LeakDetectorSeesLeaks,
        RebootNoLeak,
        RecoversAfterProviderRestart,
        DownLeavesNoResidue,
        NoLeaksForTheLifeOfTheWorld,
    ];
}
