using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Instance;

public sealed class HangupGuardTests
{
    private readonly FakeSignals _signals = new();
    private readonly StringWriter _early = new();

    [Fact]
    public void A_hang_up_is_taken_instead_of_its_default_action_and_said_on_stderr_until_the_log_takes_over()
    {
        using var guard = HangupGuard.Register(_signals, _early);

        Assert.True(_signals.Raise(UnixSignals.Hangup), "SIGHUP was left to its default action, which ends the process");
        Assert.Equal(HangupGuard.Message + Environment.NewLine, _early.ToString());

        var log = new TestLogger<HangupGuardTests>();
        guard.LogTo(log);
        Assert.True(_signals.Raise(UnixSignals.Hangup));

        Assert.Equal($"Warning: {HangupGuard.Message}", Assert.Single(log.Lines));
        Assert.Equal(HangupGuard.Message + Environment.NewLine, _early.ToString());
    }

    [Fact]
    public void Only_the_hang_up_is_taken_and_only_until_disposed()
    {
        var guard = HangupGuard.Register(_signals, _early);

        Assert.False(_signals.Raise(UnixSignals.Terminate));
        guard.Dispose();

        Assert.False(_signals.Raise(UnixSignals.Hangup));
        Assert.Empty(_early.ToString());
    }
}
