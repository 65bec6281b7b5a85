using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Instance;

public sealed class HangupGuardTests
{
    private readonly FakeSignals _signals = new();
    private readonly StringWriter _early = new();

    [Fact]
    public void A_hang_up_is_taken_instead_of_its_default_action_asks_for_a_reload_and_is_said_on_stderr_until_the_log_takes_over()
    {
        using var guard = HangupGuard.Register(_signals, _early);

        Assert.True(_signals.Raise(UnixSignals.Hangup), "SIGHUP was left to its default action, which ends the process");
        Assert.Equal(HangupGuard.EarlyMessage + Environment.NewLine, _early.ToString());
        Assert.True(guard.Requests.Wake.TryRead(out _), "the loop was not woken");
        Assert.True(guard.Requests.Take());
        Assert.False(guard.Requests.Take());

        var log = new TestLogger<HangupGuardTests>();
        guard.LogTo(log);
        Assert.True(_signals.Raise(UnixSignals.Hangup));

        Assert.Equal($"Information: {HangupGuard.Message}", Assert.Single(log.Lines));
        Assert.Equal(HangupGuard.EarlyMessage + Environment.NewLine, _early.ToString());
        Assert.True(guard.Requests.Take());
    }

    [Fact]
    public void Hang_ups_before_the_loop_gets_to_them_are_one_reload()
    {
        using var guard = HangupGuard.Register(_signals, TextWriter.Null);

        _signals.Raise(UnixSignals.Hangup);
        _signals.Raise(UnixSignals.Hangup);
        _signals.Raise(UnixSignals.Hangup);

        Assert.True(guard.Requests.Take());
        Assert.False(guard.Requests.Take());
    }

    [Fact]
    public void Only_the_hang_up_is_taken_and_only_until_disposed()
    {
        var guard = HangupGuard.Register(_signals, _early);

        Assert.False(_signals.Raise(UnixSignals.Terminate));
        guard.Dispose();

        Assert.False(_signals.Raise(UnixSignals.Hangup));
        Assert.Empty(_early.ToString());
        Assert.False(guard.Requests.Take());
    }
}
