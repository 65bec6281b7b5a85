using Causeway.Core.Netlink;
using Causeway.Core.Traffic;
using Xunit;

namespace Causeway.Core.Tests.Traffic;

/// <summary>The month's egress counts: what grew since the last reading, never what came before, a new month from zero.</summary>
public sealed class EgressMeterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static InterfaceCounters Tunnel(long received, long sent) => new("tuncw0", received, 0, sent, 0);

    private static SessionBytes Phone(DateTimeOffset connected, long sent, long received, string name = "phone") =>
        new($"udp/{name}/{connected:O}", name, connected, new ByteCount(sent, received));

    [Fact]
    public void The_first_reading_is_only_a_baseline_and_the_next_counts_what_grew()
    {
        var usage = EgressUsage.Empty(Start);

        usage = EgressMeter.Advance(usage, Start, "tuncw0", Tunnel(5_000, 9_000), []);
        Assert.Equal(ByteCount.Zero, usage.Egress);

        usage = EgressMeter.Advance(usage, Start.AddSeconds(2), "tuncw0", Tunnel(5_300, 10_000), []);
        Assert.Equal(new ByteCount(1_000, 300), usage.Egress);
        Assert.Equal("2026-12", usage.Month);
        Assert.Equal("tuncw0", usage.Device);
        Assert.Equal(1_000, usage.CountedBytes);
    }

    [Fact]
    public void A_device_made_anew_counts_everything_it_has_and_a_missing_one_nothing()
    {
        var usage = EgressMeter.Advance(EgressUsage.Empty(Start), Start, "tuncw0", Tunnel(5_000, 9_000), []);

        usage = EgressMeter.Advance(usage, Start.AddSeconds(2), "tuncw0", null, []);
        Assert.Equal(ByteCount.Zero, usage.Egress);

        // The tunnel reconnected: a new device, its counters from zero.
        usage = EgressMeter.Advance(usage, Start.AddSeconds(4), "tuncw0", Tunnel(100, 700), []);
        Assert.Equal(new ByteCount(700, 100), usage.Egress);
    }

    [Fact]
    public void Sessions_count_per_client_and_one_that_began_after_the_last_reading_counts_whole()
    {
        var before = Start.AddHours(-1);
        var usage = EgressMeter.Advance(EgressUsage.Empty(Start), Start, "tuncw0", Tunnel(0, 0), [Phone(before, 50_000, 4_000)]);
        Assert.Empty(usage.Clients);

        usage = EgressMeter.Advance(usage, Start.AddSeconds(5), "tuncw0", Tunnel(0, 0),
            [Phone(before, 60_000, 4_500), Phone(Start.AddSeconds(3), 2_000, 1_000, "laptop")]);

        Assert.Equal(new ByteCount(10_000, 500), usage.Clients["phone"]);
        Assert.Equal(new ByteCount(2_000, 1_000), usage.Clients["laptop"]);
        Assert.Equal(12_000, usage.CountedBytes);
        Assert.Equal(2, usage.SessionBaselines.Count);

        // The phone's session ends: its baseline goes, its month's count stays.
        usage = EgressMeter.Advance(usage, Start.AddSeconds(10), "tuncw0", Tunnel(0, 0), [Phone(Start.AddSeconds(3), 2_500, 1_000, "laptop")]);
        Assert.Single(usage.SessionBaselines);
        Assert.Equal(new ByteCount(10_000, 500), usage.Clients["phone"]);
        Assert.Equal(new ByteCount(2_500, 1_000), usage.Clients["laptop"]);
    }

    [Fact]
    public void A_new_utc_month_starts_from_zero_and_counts_only_what_grew_after_it()
    {
        var lastDay = new DateTimeOffset(2026, 12, 31, 23, 59, 58, TimeSpan.Zero);
        var usage = EgressMeter.Advance(EgressUsage.Empty(lastDay), lastDay, "tuncw0", Tunnel(0, 1_000), []);
        usage = EgressMeter.Advance(usage, lastDay.AddSeconds(1), "tuncw0", Tunnel(0, 3_000), []);
        usage = usage with { ThresholdsWarned = [80] };
        Assert.Equal(2_000, usage.Egress.Sent);

        // 01:00 on Jan 1st in UTC+02:00 is still December in UTC: the month is UTC's.
        var plusTwo = new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal("2026-12", EgressUsage.MonthOf(plusTwo));

        usage = EgressMeter.Advance(usage, lastDay.AddSeconds(4), "tuncw0", Tunnel(0, 3_500), []);
        Assert.Equal("2027-01", usage.Month);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), usage.CountingSince);
        Assert.Equal(500, usage.Egress.Sent);
        Assert.Empty(usage.ThresholdsWarned);
    }

    [Fact]
    public void Clients_beyond_the_bound_are_counted_together()
    {
        var usage = EgressUsage.Empty(Start) with { SampledAt = Start };
        var sessions = Enumerable.Range(0, EgressMeter.MaxClients + 2)
            .Select(i => Phone(Start.AddSeconds(1), 10, 1, $"client{i:D4}"))
            .ToList();

        usage = EgressMeter.Advance(usage, Start.AddSeconds(2), "tuncw0", null, sessions);

        Assert.Equal(EgressMeter.MaxClients + 1, usage.Clients.Count);
        Assert.Equal(new ByteCount(20, 2), usage.Clients[EgressMeter.OtherClients]);
    }

    [Fact]
    public void Each_budget_threshold_is_reached_once_a_month_and_the_warning_names_the_highest()
    {
        var budget = 10 * EgressBudget.BytesPerGigabyte;
        var usage = EgressUsage.Empty(Start) with { Egress = new ByteCount(7_900_000_000, 0) };
        Assert.Empty(EgressMeter.NewlyReached(ref usage, budget));
        Assert.Null(EgressBudget.Warning(usage, budget));

        usage = usage with { Egress = new ByteCount(8_000_000_000, 0) };
        Assert.Equal([80], EgressMeter.NewlyReached(ref usage, budget));
        Assert.Empty(EgressMeter.NewlyReached(ref usage, budget));
        Assert.StartsWith("egress budget 80% used: 8 GB sent in 2026-12 (UTC), 80% of [egress] monthly_budget_gb = 10", EgressBudget.Warning(usage, budget), StringComparison.Ordinal);

        usage = usage with { Egress = new ByteCount(9_000_000_000, 0), Clients = usage.Clients.Add("phone", new ByteCount(1_500_000_000, 0)) };
        Assert.Equal([100], EgressMeter.NewlyReached(ref usage, budget));
        Assert.Equal([80, 100], usage.ThresholdsWarned);
        Assert.StartsWith("egress budget exceeded: 10.5 GB sent in 2026-12 (UTC), 105% of", EgressBudget.Warning(usage, budget), StringComparison.Ordinal);
    }
}
