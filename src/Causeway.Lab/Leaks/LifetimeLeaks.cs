using Causeway.Lab.State;

namespace Causeway.Lab.Leaks;

/// <summary>
/// The world's leak counters since `lab up` (installed then, never reset) less what fell inside the negative-control
/// windows (the lab removed Causeway's layers on purpose there): what `no-leaks-for-the-life-of-the-world` judges.
/// </summary>
/// <param name="Total">The leak counters now: everything since `lab up`.</param>
/// <param name="Controls">Every negative-control window recorded in the lab state.</param>
public sealed record LifetimeLeaks(NftCounters Total, IReadOnlyList<LabNegativeControl> Controls)
{
    /// <summary>What the counters counted inside the negative-control windows, summed per comment.</summary>
    public NftCounters InsideControls =>
        new(Controls.SelectMany(c => c.Counts)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal));

    /// <summary>What the counters counted outside the negative-control windows.</summary>
    public NftCounters Outside => Total.Since(InsideControls);

    /// <summary>Leaks outside the negative-control windows: anything above zero fails the world.</summary>
    public long Leaked => Outside[LeakCounterRuleset.Leak];

    /// <summary>The counters counted canaries at all: the capture was live at some point (the check adds one of its own).</summary>
    public bool EverLive => Total[LeakCounterRuleset.Canary] > 0;

    public bool Clean => Leaked == 0 && EverLive;

    /// <param name="countedOn">Where the counters are ("i-sbc").</param>
    /// <param name="since">When `lab up` made them.</param>
    /// <param name="now">Now.</param>
    public string Evidence(string countedOn, DateTimeOffset since, DateTimeOffset now)
    {
        var inside = InsideControls;
        var checks = Controls.GroupBy(c => c.Check, StringComparer.Ordinal).Select(g => $"{g.Count()} × {g.Key}");
        return $"since `lab up` ({since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, {(now - since).TotalMinutes:0.0} min ago) {countedOn} counted "
            + $"{LeakCounterRuleset.Describe(Total)}, {Total[LeakCounterRuleset.Canary]} canaries; "
            + (Controls.Count == 0
                ? "no negative-control window was recorded; "
                : $"{Controls.Count} negative-control windows ({string.Join(", ", checks)}) account for {inside[LeakCounterRuleset.Leak]} leaked; ")
            + $"outside them: {Leaked} leaked ({string.Join(", ", LeakCounterRuleset.Evidence.Where(e => Total.PacketsByComment.ContainsKey(e)).Select(e => $"{Outside[e]} {e}"))})";
    }
}
