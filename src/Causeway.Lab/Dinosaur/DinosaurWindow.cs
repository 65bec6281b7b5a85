using Causeway.Lab.Leaks;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// One leak measurement in the Dinosaur world: the senders' probes and what the far ends of both uplinks counted
/// (<see cref="All"/> summed, the canaries of both hosts included; and each uplink's own).
/// </summary>
public sealed record DinosaurWindow(LeakWindow All, NftCounters AtSbc, NftCounters AtVm)
{
    public long LeakedAtSbc => AtSbc[LeakCounterRuleset.Leak];

    public long LeakedAtVm => AtVm[LeakCounterRuleset.Leak];

    /// <summary>Nothing leaked at either uplink, and the measurement is valid (both captures live, every sender tried).</summary>
    public bool NoLeak => All.Leaked == 0 && All.CaptureLive && All.LaptopTried;

    /// <summary>And nothing got through either.</summary>
    public bool SealedShut => NoLeak && All.Answered == 0;

    public string Evidence =>
        $"{All.Evidence}; of which {DinosaurTopology.SbcUplink.InternetSide} counted {LeakCounterRuleset.Describe(AtSbc)} "
        + $"and {DinosaurTopology.VmUplink.InternetSide} {LeakCounterRuleset.Describe(AtVm)}";
}
