using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Instance;

public sealed class RunningDaemonTests
{
    private const string LockPath = "/run/causeway/causeway.lock";

    private readonly InMemoryFileSystem _files = new InMemoryFileSystem().AddDirectory("/run/causeway");
    private readonly FakeSignals _signals = new();
    private readonly TimerDrivenClock _clock = new(new FakeTimeProvider());

    [Fact]
    public async Task Without_a_running_up_nothing_is_signalled()
    {
        var stopped = await Daemon().StopAsync(LockPath, _ => Assert.Fail("nothing to stop"), TestContext.Current.CancellationToken);

        Assert.Null(stopped);
        Assert.Empty(_signals.Sent);
    }

    [Fact]
    public async Task The_holder_gets_sigterm_through_the_signal_seam_and_the_stop_waits_until_it_lets_go()
    {
        _files.HoldLock(LockPath).AddFile("/run/causeway/causeway.pid", "1234\n");
        var told = new List<int>();

        // The daemon takes a few polls to stop: the lock is let go only on the third look after the signal.
        var stop = Daemon().StopAsync(LockPath, told.Add, TestContext.Current.CancellationToken);
        for (var poll = 0; poll < 3; poll++)
        {
            Assert.Equal(RunningDaemon.PollInterval, await _clock.NextTimerAsync(TestContext.Current.CancellationToken));
            Assert.False(stop.IsCompleted, "the stop returned while up still held the lock");
            if (poll == 2)
            {
                _files.ReleaseLock(LockPath);
            }

            _clock.Fake.Advance(RunningDaemon.PollInterval);
        }

        Assert.Equal(1234, await stop);
        Assert.Equal([1234], told);
        Assert.Equal([(1234, UnixSignals.Terminate)], _signals.Sent);
    }

    [Fact]
    public async Task An_up_that_has_just_exited_is_no_error()
    {
        _files.HoldLock(LockPath).AddFile("/run/causeway/causeway.pid", "1234\n");
        _signals.OnSend = (_, _) =>
        {
            _files.ReleaseLock(LockPath);
            return false;
        };

        Assert.Equal(1234, await Daemon().StopAsync(LockPath, _ => { }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_up_that_does_not_stop_is_a_timeout_after_30_s_that_says_what_to_do()
    {
        _files.HoldLock(LockPath).AddFile("/run/causeway/causeway.pid", "1234\n");

        var started = _clock.GetUtcNow();

        var stop = Daemon().StopAsync(LockPath, _ => { }, TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => _clock.DriveAsync(stop, TestContext.Current.CancellationToken));

        Assert.Equal("causeway up (pid 1234) did not stop within 30 s: kill it, then run `causeway down` again", error.Message);
        Assert.Equal(RunningDaemon.StopTimeout, _clock.GetUtcNow() - started);
        Assert.Single(_signals.Sent);
    }

    [Fact]
    public async Task A_holder_whose_pid_cannot_be_read_is_not_guessed_at()
    {
        _files.HoldLock(LockPath);

        var error = await Assert.ThrowsAsync<IOException>(() => Daemon().StopAsync(LockPath, _ => { }, TestContext.Current.CancellationToken));

        Assert.Equal("a causeway up holds /run/causeway/causeway.lock but its pid cannot be read: stop it yourself, then run `causeway down` again", error.Message);
        Assert.Empty(_signals.Sent);
    }

    private RunningDaemon Daemon() => new(_files, _signals, _clock);
}
