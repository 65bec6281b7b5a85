namespace Causeway.Lab.Dinosaur;

/// <summary>The names of the Dinosaur checks, in the order they are reported.</summary>
public static class DinosaurCheckNames
{
    public const string PhoneEgressViaProvider = "phone-egress-via-provider";
    public const string LaptopEgressViaProvider = "laptop-egress-via-provider";
    public const string SameExitBothWays = "same-exit-both-ways";
    public const string PhoneReachesLaptop = "phone-reaches-laptop";
    public const string LaptopReachesPhone = "laptop-reaches-phone";
    public const string PhoneDnsViaProvider = "phone-dns-via-provider";
    public const string VmHostRouteUntouched = "vm-host-route-untouched";
    public const string SbcHostRouteUntouched = "sbc-host-route-untouched";
    public const string NoMtuBlackHole = "no-mtu-black-hole";
    public const string OverlayDownNoLeakAtVm = "overlay-down-no-leak-at-vm";
    public const string RecoversAfterOverlayRestore = "recovers-after-overlay-restore";
    public const string SbcDownNoLeak = "sbc-down-no-leak";
    public const string ProviderDownNoLeakAtSbc = "provider-down-no-leak-at-sbc";
    public const string RecoversAfterProviderRestart = "recovers-after-provider-restart";
    public const string StatusNamesFailedHop = "status-names-failed-hop";
    public const string LeakDetectorSeesLeaks = "leak-detector-sees-leaks";
    public const string DownLeavesNoResidue = "down-leaves-no-residue";
    public const string NoLeaksForTheLifeOfTheWorld = "no-leaks-for-the-life-of-the-world";

    public static readonly IReadOnlyList<string> All =
    [
        PhoneEgressViaProvider,
        LaptopEgressViaProvider,
        SameExitBothWays,
        PhoneReachesLaptop,
        LaptopReachesPhone,
        PhoneDnsViaProvider,
        VmHostRouteUntouched,
        SbcHostRouteUntouched,
        NoMtuBlackHole,
        OverlayDownNoLeakAtVm,
        RecoversAfterOverlayRestore,
        SbcDownNoLeak,
        ProviderDownNoLeakAtSbc,
        RecoversAfterProviderRestart,
        StatusNamesFailedHop,
        LeakDetectorSeesLeaks,
        DownLeavesNoResidue,
        NoLeaksForTheLifeOfTheWorld,
    ];
}
