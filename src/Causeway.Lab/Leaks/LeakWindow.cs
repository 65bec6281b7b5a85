using Causeway.Lab.Probes;

namespace Causeway.Lab.Leaks;

/// <summary>
/// One measurement: the laptop sends probes while the far end of the gateway's uplink counts, bracketed by two
/// canaries from the gateway (the first proves the counters are live, the second that every probe had its chance
/// to be counted before the counters were read).
/// </summary>
/// <param name="ProbesRequested">K: the probes the laptop was told to send.</param>
/// <param name="LaptopCounted">Packets the laptop's own nft counter saw leave towards the echo service.</param>
/// <param name="Counts">What i-sbc's counters saw during the window (deltas).</param>
public sealed record LeakWindow(
    string Label,
    int ProbesRequested,
    long LaptopCounted,
    IReadOnlyList<EchoProbeResult> Probes,
    NftCounters Counts,
    int CanariesSent)
{
    public int Sent => Probes.Sum(p => p.Sent);

    public int Answered => Probes.Sum(p => p.Answered);

    public IReadOnlyList<string> SeenAs => [.. Probes.SelectMany(p => p.SeenAs).Distinct().Order(StringComparer.Ordinal)];

    public long Leaked => Counts[LeakCounterRuleset.Leak];

    public long CanariesSeen => Counts[LeakCounterRuleset.Canary];

    /// <summary>Both canaries arrived: the capture was live for the whole window.</summary>
    public bool CaptureLive => CanariesSent > 0 && CanariesSeen >= CanariesSent;

    /// <summary>The laptop really sent at least K probes (its own counter says so).</summary>
    public bool LaptopTried => LaptopCounted >= ProbesRequested && Sent >= ProbesRequested;

    /// <summary>Nothing leaked, nothing got through, and the measurement itself is proven valid.</summary>
    public bool SealedShut => Leaked == 0 && Answered == 0 && CaptureLive && LaptopTried;

    public string Evidence
    {
        get
        {
            var errors = Probes.SelectMany(p => p.Errors).Distinct().ToList();
            return $"[{Label}] laptop sent {Sent}/{ProbesRequested} probes ({string.Join(", ", Probes.Select(p => $"{p.Sent} {p.Protocol} to {p.Target}"))}; "
                + $"its nft counter saw {LaptopCounted} packets leave), {Answered} answered"
                + (SeenAs.Count > 0 ? $" seen as {string.Join("/", SeenAs)}" : string.Empty)
                + (errors.Count > 0 ? $" (errors: {string.Join(", ", errors)})" : string.Empty)
                + $"; i-sbc counted {Leaked} leaked ({Counts[LeakCounterRuleset.LeakFromOverlay]} from overlay addresses), "
                + $"{Counts[LeakCounterRuleset.Transport]} OpenVPN transport, {Counts[LeakCounterRuleset.Arp] + Counts[LeakCounterRuleset.Ndp]} ARP/NDP, "
                + $"canaries {CanariesSeen}/{CanariesSent}";
        }
    }
}
