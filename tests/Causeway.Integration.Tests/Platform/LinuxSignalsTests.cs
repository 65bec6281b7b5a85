using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

public sealed class LinuxSignalsTests
{
    private readonly LinuxSignals _signals = new();

    [Fact]
    public async Task A_signal_sent_reaches_the_process_and_one_that_has_exited_is_said_to_be_gone()
    {
        using var launcher = new LinuxProcessLauncher();
        using var sleeper = launcher.Start(new ProcessSpec("sleep", ["300"], DieWithParent: true));

        Assert.True(_signals.Send(sleeper.Id, UnixSignals.Terminate));
        var exitCode = await sleeper.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(128 + UnixSignals.Terminate, exitCode);
        Assert.False(_signals.Send(sleeper.Id, UnixSignals.Terminate));
    }

    [Fact]
    public void A_process_group_is_never_signalled_by_mistake()
    {
        // kill(0, …) would reach this very process group, kill(-1, …) every process this user may signal.
        Assert.Throws<ArgumentOutOfRangeException>(() => _signals.Send(0, UnixSignals.Continue));
        Assert.Throws<ArgumentOutOfRangeException>(() => _signals.Send(-1, UnixSignals.Continue));
    }

    [Fact]
    public async Task An_intercepted_signal_calls_the_handler_until_disposed()
    {
        // SIGCONT: harmless to this test process whatever happens (its default action is to go on running).
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_signals.Intercept(UnixSignals.Continue, () => arrived.TrySetResult()))
        {
            Assert.True(_signals.Send(Environment.ProcessId, UnixSignals.Continue));
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void A_process_that_is_not_ours_to_signal_is_an_error_that_names_it()
    {
        // pid 1 ignores what it has no handler for, but kill(2) checks permission first: only as a user is this EPERM.
        if (Environment.UserName == "root")
        {
            Assert.True(_signals.Send(1, 0));
            return;
        }

        var error = Assert.Throws<IOException>(() => _signals.Send(1, UnixSignals.Continue));
        Assert.Contains("process 1", error.Message, StringComparison.Ordinal);
    }
}
