using Causeway.Engine.Daemon;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>When the daemon compacts the GC heap: once it has settled after startup, later only when idle, rate-limited.</summary>
public sealed class IdleCompactionTests
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DaemonHarness.Start);
    private readonly FakeProcessMemory _memory = new();

    private IdleCompaction Compaction() => new(_time, _memory);

    [Fact]
    public void The_first_quiet_round_with_the_tunnel_up_compacts_once_and_the_next_quiet_rounds_do_not()
    {
        var compaction = Compaction();

        Assert.Null(compaction.AfterRound(quiet: false, tunnelConnected: true));
        Assert.Null(compaction.AfterRound(quiet: true, tunnelConnected: false));
        Assert.False(compaction.HasCompacted);
        Assert.NotNull(compaction.AfterRound(quiet: true, tunnelConnected: true));
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(Round);
            Assert.Null(compaction.AfterRound(quiet: true, tunnelConnected: true));
        }

        Assert.True(compaction.HasCompacted);
        Assert.Equal(1, _memory.Compactions);
        Assert.Equal(1, _memory.PageReleases);
    }

    [Fact]
    public void Without_the_tunnel_the_first_compaction_waits_for_a_quiet_period()
    {
        var compaction = Compaction();

        compaction.AfterRound(quiet: true, tunnelConnected: false);
        _time.Advance(IdleCompaction.QuietPeriod - TimeSpan.FromSeconds(1));
        compaction.AfterRound(quiet: true, tunnelConnected: false);
        Assert.Equal(0, _memory.Compactions);

        _time.Advance(TimeSpan.FromSeconds(1));
        compaction.AfterRound(quiet: true, tunnelConnected: false);
        Assert.Equal(1, _memory.Compactions);
    }

    [Fact]
    public void Later_compactions_come_at_most_every_minimum_gap()
    {
        var compaction = Compaction();
        compaction.AfterRound(quiet: true, tunnelConnected: true);

        var elapsed = TimeSpan.Zero;
        while (elapsed < IdleCompaction.MinimumGap - Round)
        {
            _time.Advance(Round);
            elapsed += Round;
            compaction.AfterRound(quiet: true, tunnelConnected: true);
        }

        Assert.Equal(1, _memory.Compactions);
        _time.Advance(Round);
        compaction.AfterRound(quiet: true, tunnelConnected: true);
        Assert.Equal((2, 2), (_memory.Compactions, _memory.PageReleases));
    }

    [Fact]
    public void A_round_that_changed_something_starts_the_quiet_period_again()
    {
        var compaction = Compaction();
        compaction.AfterRound(quiet: true, tunnelConnected: true);
        _time.Advance(IdleCompaction.MinimumGap);

        // Busy (a reconnect): the GC does its own work; the compaction waits until a quiet period has passed again.
        compaction.AfterRound(quiet: false, tunnelConnected: false);
        _time.Advance(Round);
        compaction.AfterRound(quiet: true, tunnelConnected: true);
        _time.Advance(IdleCompaction.QuietPeriod - Round);
        compaction.AfterRound(quiet: true, tunnelConnected: true);
        Assert.Equal(1, _memory.Compactions);

        _time.Advance(Round);
        compaction.AfterRound(quiet: true, tunnelConnected: true);
        Assert.Equal(2, _memory.Compactions);
    }
}
