using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

/// <summary>
/// The host's change events as a reason for a round: `ip monitor` and `nft monitor` as children that die with the
/// daemon, their lines folded into one signal per burst, restarted with a growing pause when they exit, killed at
/// the stop. Against the kit's process launcher and a clock only the test moves.
/// </summary>
public sealed class HostChangeWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_monitors_run_as_children_that_die_with_the_daemon()
    {
        var launcher = new FakeProcessLauncher();
        await using var watch = new HostChangeWatch(launcher, new TimerDrivenClock(), new TestLogger<HostChangeWatch>());
        watch.Start();

        var started = new[] { await launcher.NextStartedAsync(), await launcher.NextStartedAsync() }
            .Select(p => p.Spec).OrderBy(s => s.Program, StringComparer.Ordinal).ToList();

        Assert.Equal(["ip -o monitor link address route rule netconf", "nft monitor"], started.Select(s => s.ToString()));
        Assert.All(started, s => Assert.True(s.DieWithParent, $"{s} would outlive a killed daemon"));
    }

    [Fact]
    public async Task Quiet_only_while_both_monitors_have_listened_a_while_and_said_nothing_since_the_mark()
    {
        var launcher = new FakeProcessLauncher();
        var clock = new TimerDrivenClock();
        await using var watch = new HostChangeWatch(launcher, clock, new TestLogger<HostChangeWatch>());
        Assert.False(watch.QuietSince(watch.Mark()), "quiet before any monitor runs");

        watch.Start();
        await Eventually.WaitUntilAsync(() => launcher.Started.Count == 2, "both monitors started");
        var ip = launcher.Started.Single(p => p.Spec.Program == "ip");
        var nft = launcher.Started.Single(p => p.Spec.Program == "nft");
        Assert.False(watch.QuietSince(watch.Mark()), "quiet before the monitors can have subscribed");

        clock.Fake.Advance(HostChangeWatch.ListenGrace);
        await Eventually.WaitUntilAsync(() => watch.QuietSince(watch.Mark()), "quiet once both have listened a while");
        var mark = watch.Mark();

        nft.Spec.OnOutputLine!("add rule inet causeway forward drop");
        Assert.False(watch.QuietSince(mark), "a line from nft monitor left it quiet");
        Assert.Equal(HostChangeWatch.Debounce, await clock.NextTimerAsync(Ct));
        clock.Fake.Advance(HostChangeWatch.Debounce);
        mark = watch.Mark();
        Assert.True(watch.QuietSince(mark));

        // A monitor that exits heard nothing meanwhile: not quiet, not even once it runs again, until it has listened a while.
        ip.Exit(1);
        Assert.Equal(HostChangeWatch.RestartDelay, await clock.NextTimerAsync(Ct));
        Assert.False(watch.QuietSince(mark), "quiet with a monitor gone");
        clock.Fake.Advance(HostChangeWatch.RestartDelay);
        await Eventually.WaitUntilAsync(() => launcher.Started.Count(p => p.Spec.Program == "ip") == 2, "`ip monitor` started again");
        Assert.False(watch.QuietSince(mark), "quiet across a monitor's restart");
        Assert.False(watch.QuietSince(watch.Mark()), "quiet right after a monitor's restart");
    }

    [Fact]
    public async Task A_burst_of_lines_is_one_change_after_the_debounce_and_a_later_line_another()
    {
        var launcher = new FakeProcessLauncher();
        var clock = new TimerDrivenClock();
        await using var watch = new HostChangeWatch(launcher, clock, new TestLogger<HostChangeWatch>());
        watch.Start();
        var nft = await MonitorAsync(launcher, "nft");

        // A table replaced whole: many lines at once.
        foreach (var line in new[] { "delete table inet causeway", "add table inet causeway", "add chain inet causeway forward", "# new generation 7 by process 42 (nft)" })
        {
            nft.Spec.OnOutputLine!(line);
        }

        Assert.Equal(HostChangeWatch.Debounce, await clock.NextTimerAsync(Ct));
        Assert.False(watch.Changes.TryRead(out _), "a change was signalled before the burst had its time to gather");

        clock.Fake.Advance(HostChangeWatch.Debounce);
        Assert.True(await watch.Changes.WaitToReadAsync(Ct));
        Assert.True(watch.Changes.TryRead(out _));
        Assert.False(watch.Changes.TryRead(out _), "one burst, more than one change");

        nft.Spec.OnOutputLine!("delete rule inet causeway forward handle 9");
        Assert.Equal(HostChangeWatch.Debounce, await clock.NextTimerAsync(Ct));
        clock.Fake.Advance(HostChangeWatch.Debounce);
        Assert.True(await watch.Changes.WaitToReadAsync(Ct));
    }

    [Fact]
    public async Task A_monitor_that_exits_is_started_again_after_a_growing_pause_and_asks_for_a_round()
    {
        var launcher = new FakeProcessLauncher();
        var clock = new TimerDrivenClock();
        var log = new TestLogger<HostChangeWatch>();
        await using var watch = new HostChangeWatch(launcher, clock, log);
        watch.Start();
        var ip = await MonitorAsync(launcher, "ip");

        ip.Exit(1);
        Assert.Equal(HostChangeWatch.RestartDelay, await clock.NextTimerAsync(Ct));
        clock.Fake.Advance(HostChangeWatch.RestartDelay);
        var second = await MonitorAsync(launcher, "ip");
        Assert.Equal(ip.Spec.ToString(), second.Spec.ToString());
        Assert.Contains(log.Lines, l => l.Contains("`ip -o monitor link address route rule netconf` exited with 1: starting it again in 1 s", StringComparison.Ordinal));

        // What changed while nobody listened: a round once it runs again.
        Assert.Equal(HostChangeWatch.Debounce, await clock.NextTimerAsync(Ct));
        clock.Fake.Advance(HostChangeWatch.Debounce);
        Assert.True(await watch.Changes.WaitToReadAsync(Ct));

        second.Exit(1);
        Assert.Equal(HostChangeWatch.RestartDelay * 2, await clock.NextTimerAsync(Ct));
    }

    [Fact]
    public async Task The_stop_kills_the_monitors_and_ends_the_changes()
    {
        var launcher = new FakeProcessLauncher();
        var watch = new HostChangeWatch(launcher, new TimerDrivenClock(), new TestLogger<HostChangeWatch>());
        watch.Start();
        var monitors = new[] { await launcher.NextStartedAsync(), await launcher.NextStartedAsync() };

        await watch.DisposeAsync();

        Assert.All(monitors, m => Assert.Equal([UnixSignals.Kill], m.Signals));
        Assert.All(monitors, m => Assert.True(m.Exited.IsCompleted));
        Assert.All(monitors, m => Assert.True(m.Disposed));
        Assert.False(await watch.Changes.WaitToReadAsync(Ct));
        Assert.Equal(2, launcher.Started.Count);
    }

    /// <summary>The next start of <paramref name="program"/>, passing over the other monitor's.</summary>
    private static async Task<FakeRunningProcess> MonitorAsync(FakeProcessLauncher launcher, string program)
    {
        while (true)
        {
            var started = await launcher.NextStartedAsync();
            if (started.Spec.Program == program)
            {
                return started;
            }
        }
    }
}
