using Causeway.Lab.Probes;

namespace Causeway.Lab.Leaks;

/// <summary>
/// One measurement: the laptop (Uno) or the phones (Duo) send probes while the far end of the gateway's uplink
/// counts, bracketed by two canaries from the gateway (the first proves the counters are live, the second that
/// every probe had its chance to be counted before the counters were read).
/// </summary>
/// <param name="ProbesRequested">K: the probes the senders were told to send.</param>
/// <param name="LaptopCounted">Packets the senders' own nft counters saw leave towards the echo service.</param>
/// <param name="Counts">What the uplink's far end counted during the window (deltas).</param>
/// <param name="Senders">Who sent the probes, for the evidence ("laptop", "phones").</param>
/// <param name="CountedOn">Where the leak counters are, for the evidence ("i-sbc", "i-vm").</param>
public sealed record LeakWindow(
    string Label,
    int ProbesRequested,
    long LaptopCounted,
    IReadOnlyList<EchoProbeResult> Probes,
    NftCounters Counts,
    int CanariesSent,
    string Senders = "laptop",
    string CountedOn = "i-sbc")
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
            return $"[{Label}] {Senders} sent {Sent}/{ProbesRequested} probes ({string.Join(", ", Probes.Select(p => $"{p.Sent} {p.Protocol} to {p.Target}"))}; "
                + $"{(Senders == "laptop" ? "its nft counter" : "their nft counters")} saw {LaptopCounted} packets leave), {Answered} answered"
                + (SeenAs.Count > 0 ? $" seen as {string.Join("/", SeenAs)}" : string.Empty)
                + (errors.Count > 0 ? $" (errors: {string.Join(", ", errors)})" : string.Empty)
                + $"; {CountedOn} counted {LeakCounterRuleset.Describe(Counts)}, canaries {CanariesSeen}/{CanariesSent}";
        }
    }
}
