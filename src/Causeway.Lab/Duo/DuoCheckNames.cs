namespace Causeway.Lab.Duo;

/// <summary>The names of the Duo checks, in the order they are reported (and run).</summary>
public static class DuoCheckNames
{
    public const string ProfileWorksInStockOpenVpn = "profile-works-in-stock-openvpn";
    public const string PhoneConnectsOverTcpWhenUdpBlocked = "phone-connects-over-tcp-when-udp-blocked";
    public const string PhoneUsesUdpWhenOpen = "phone-uses-udp-when-open";
    public const string PhoneEgressViaProvider = "phone-egress-via-provider";
    public const string PhoneDnsViaProvider = "phone-dns-via-provider";
    public const string PhoneReachesOverlayMember = "phone-reaches-overlay-member";
    public const string OverlayMemberReachesPhone = "overlay-member-reaches-phone";
    public const string VmHostRouteUntouched = "vm-host-route-untouched";
    public const string TunnelInjectionNoLeak = "tunnel-injection-no-leak";
    public const string RevokedClientKickedAndRefused = "revoked-client-kicked-and-refused";
    public const string KillSwitchProviderDown = "kill-switch-provider-down";
    public const string LeakDetectorSeesLeaks = "leak-detector-sees-leaks";
    public const string PhonesRecoverAfterProviderRestart = "phones-recover-after-provider-restart";
    public const string PhonesStayConnectedThroughDaemonKill = "phones-stay-connected-through-daemon-kill";
    public const string PhonesRecoverAfterAccessServerKill = "phones-recover-after-access-server-kill";
    public const string RestoreKeepsPhoneProfiles = "restore-keeps-phone-profiles";
    public const string DownLeavesNoResidue = "down-leaves-no-residue";
    public const string NoLeaksForTheLifeOfTheWorld = "no-leaks-for-the-life-of-the-world";

    public static readonly IReadOnlyList<string> All =
    [
        ProfileWorksInStockOpenVpn,
        PhoneConnectsOverTcpWhenUdpBlocked,
        PhoneUsesUdpWhenOpen,
        PhoneEgressViaProvider,
        PhoneDnsViaProvider,
        PhoneReachesOverlayMember,
        OverlayMemberReachesPhone,
        VmHostRouteUntouched,
        TunnelInjectionNoLeak,
        RevokedClientKickedAndRefused,
        KillSwitchProviderDown,
        LeakDetectorSeesLeaks,
        PhonesRecoverAfterProviderRestart,
        PhonesStayConnectedThroughDaemonKill,
        PhonesRecoverAfterAccessServerKill,
        RestoreKeepsPhoneProfiles,
        DownLeavesNoResidue,
        NoLeaksForTheLifeOfTheWorld,
    ];
}
