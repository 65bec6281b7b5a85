using Causeway.Lab.Checks;
using Causeway.Lab.Leaks;

namespace Causeway.Lab.Worlds;

/// <summary>
/// `no-leaks-for-the-life-of-the-world`, run last: the leak counters were installed at `lab up` and never reset, so
/// they hold every packet the gateway put on its uplink since; less what fell inside the negative-control windows of
/// every `lab check` run (recorded in the lab state), the leak count must be 0. A fresh canary, counted, shows the
/// capture is live now. This is what catches a leak no probe window was open for (a reply after a reconnect, the
/// host's own stack answering for a client flow).
/// </summary>
internal static class LifetimeLeakCheck
{
    /// <param name="countedOn">Where the leak counters are, for the evidence ("i-sbc", "i-vm").</param>
    public static async Task<LabCheckResult> RunAsync(RunningWorld w, string name, string countedOn, CancellationToken ct)
    {
        var before = await w.LeakCountersAsync(ct);
        var sent = await w.CanaryCountedAsync(before, 0, ct);
        var total = await w.LeakCountersAsync(ct);
        var live = sent > 0 && total.Since(before)[LeakCounterRuleset.Canary] >= sent;
        var life = new LifetimeLeaks(total, w.State.NegativeControls ?? []);
        return new(name, life.Clean && live,
            $"{life.Evidence(countedOn, w.State.CreatedAt, w.Time.GetUtcNow())}; "
            + $"a canary sent now was {(live ? "counted" : "NOT counted: the capture is not live")}");
    }
}
