using System.Collections.Immutable;

namespace Causeway.Core.Traffic;

/// <summary>
/// This month's traffic through the egress and per access client (docs/status.md, `egressUsage`), and what the next
/// reading is counted from. Kept in the state directory across restarts (<see cref="EgressMeter"/> advances it; it
/// starts again at the first reading of a new month, UTC).
/// </summary>
/// <param name="Month">The UTC month counted, "yyyy-MM".</param>
/// <param name="CountingSince">The month's start, or when counting began when that was later (the first `up`).</param>
/// <param name="SampledAt">The last reading; null before the first.</param>
/// <param name="Device">The egress device last read (the tunnel, or the overlay device towards an overlay gateway).</param>
/// <param name="Egress">Through the egress device: sent = transmitted towards the provider or the gateway.</param>
/// <param name="Clients">Per access client name: sent = what its server sent it.</param>
/// <param name="ThresholdsWarned">The budget thresholds (percent) already logged this month.</param>
/// <param name="DeviceBaselines">The egress device's counters at the last reading (by device).</param>
/// <param name="SessionBaselines">Every live session's counters at the last reading (by <see cref="SessionBytes.Key"/>).</param>
public sealed record EgressUsage(
    string Month,
    DateTimeOffset CountingSince,
    DateTimeOffset? SampledAt,
    string? Device,
    ByteCount Egress,
    ImmutableSortedDictionary<string, ByteCount> Clients,
    ImmutableArray<int> ThresholdsWarned,
    ImmutableSortedDictionary<string, ByteCount> DeviceBaselines,
    ImmutableSortedDictionary<string, ByteCount> SessionBaselines)
{
    /// <summary>Nothing counted yet for the month of <paramref name="now"/>, counting from <paramref name="now"/>.</summary>
    public static EgressUsage Empty(DateTimeOffset now) => new(
        MonthOf(now),
        now,
        null,
        null,
        ByteCount.Zero,
        ImmutableSortedDictionary.Create<string, ByteCount>(StringComparer.Ordinal),
        [],
        ImmutableSortedDictionary.Create<string, ByteCount>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, ByteCount>(StringComparer.Ordinal));

    /// <summary>"yyyy-MM" of the UTC month <paramref name="at"/> is in.</summary>
    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>00:00 UTC on the first day of the month <paramref name="at"/> is in.</summary>
    public static DateTimeOffset MonthStart(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// What this host sent for its clients this month, as a cloud bills egress: out through the egress device, and
    /// to the access clients. A lower bound of the bill: the tunnel's and the overlay's own overhead and the host's
    /// own traffic are not in it.
    /// </summary>
    public long CountedBytes => Egress.Sent + Clients.Values.Sum(c => c.Sent);
}
