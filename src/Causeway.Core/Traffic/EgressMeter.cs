using System.Collections.Immutable;
using Causeway.Core.Netlink;

namespace Causeway.Core.Traffic;

/// <summary>
/// Advances <see cref="EgressUsage"/> by a reading of the egress device's counters and of the access clients'
/// sessions. What is counted is what grew since the last reading (<see cref="CounterDelta"/>); something seen for the
/// first time with nothing to count from (the first `up`, a device Causeway never read) is only a baseline, so that
/// bytes from before are never counted, while a session that began after the last reading counts whole. At the first
/// reading of a new UTC month the totals start again from zero (the baselines go on).
/// </summary>
public static class EgressMeter
{
    /// <summary>Clients counted by name, at most: a bound on the state file; more are counted as <see cref="OtherClients"/>.</summary>
    public const int MaxClients = 1000;

    public const string OtherClients = "(others)";

    public static EgressUsage Advance(EgressUsage usage, DateTimeOffset now, string device, InterfaceCounters? counters, IReadOnlyList<SessionBytes> sessions)
    {
        if (usage.Month != EgressUsage.MonthOf(now))
        {
            usage = EgressUsage.Empty(EgressUsage.MonthStart(now)) with
            {
                SampledAt = usage.SampledAt,
                DeviceBaselines = usage.DeviceBaselines,
                SessionBaselines = usage.SessionBaselines,
            };
        }

        var egress = usage.Egress;
        var deviceBaselines = usage.DeviceBaselines;
        if (counters is not null)
        {
            var reading = new ByteCount(counters.SentBytes, counters.ReceivedBytes);
            if (deviceBaselines.TryGetValue(device, out var before))
            {
                egress = egress.Plus(CounterDelta.Since(before, reading));
            }

            // Only the egress device is kept: the file stays bounded whatever devices came and went.
            deviceBaselines = ImmutableSortedDictionary.Create<string, ByteCount>(StringComparer.Ordinal).Add(device, reading);
        }

        var clients = usage.Clients;
        var sessionBaselines = ImmutableSortedDictionary.CreateBuilder<string, ByteCount>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            ByteCount? grew = usage.SessionBaselines.TryGetValue(session.Key, out var before)
                ? CounterDelta.Since(before, session.Bytes)
                : usage.SampledAt is { } last && session.ConnectedSince is { } connected && connected >= last
                    ? session.Bytes
                    : null;
            if (grew is { } add && (add.Sent != 0 || add.Received != 0))
            {
                var name = clients.ContainsKey(session.Client) || clients.Count < MaxClients ? session.Client : OtherClients;
                clients = clients.SetItem(name, (clients.TryGetValue(name, out var sum) ? sum : ByteCount.Zero).Plus(add));
            }

            sessionBaselines[session.Key] = session.Bytes;
        }

        return usage with
        {
            SampledAt = now,
            Device = counters is null ? usage.Device ?? device : device,
            Egress = egress,
            Clients = clients,
            DeviceBaselines = deviceBaselines,
            SessionBaselines = sessionBaselines.ToImmutable(),
        };
    }

    /// <summary>
    /// The thresholds of <paramref name="budgetBytes"/> (<see cref="EgressBudget.Thresholds"/>, percent) this month's
    /// counted bytes have reached and that were not logged yet, lowest first; <paramref name="usage"/> records them.
    /// </summary>
    public static ImmutableArray<int> NewlyReached(ref EgressUsage usage, long budgetBytes)
    {
        var counted = usage.CountedBytes;
        var warned = usage.ThresholdsWarned;
        var reached = EgressBudget.Thresholds
            .Where(t => !warned.Contains(t) && counted >= EgressBudget.Threshold(budgetBytes, t))
            .ToImmutableArray();
        if (!reached.IsEmpty)
        {
            usage = usage with { ThresholdsWarned = [.. warned.Concat(reached).Distinct().Order()] };
        }

        return reached;
    }
}
