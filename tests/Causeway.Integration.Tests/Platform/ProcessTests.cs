using System.Collections.Concurrent;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

public sealed class ProcessTests
{
    [Fact]
    public async Task Command_runner_passes_arguments_verbatim_and_feeds_stdin()
    {
        var runner = new ProcessCommandRunner();

        var echoed = await runner.RunAsync(CommandSpec.Of("printf", "%s|", "a b", "$HOME", "'q'"), TestContext.Current.CancellationToken);
        var catted = await runner.RunAsync(CommandSpec.Of("cat").WithInput("line one\nline two\n"), TestContext.Current.CancellationToken);

        Assert.Equal("a b|$HOME|'q'|", echoed.StandardOutput);
        Assert.Equal("line one\nline two\n", catted.StandardOutput);
    }

    [Fact]
    public async Task Command_runner_closes_the_pipes_of_each_command_it_ran()
    {
        var runner = new ProcessCommandRunner();

        // The child names its own output pipes; once the command is done, this process must hold neither end of them.
        var result = await runner.RunAsync(CommandSpec.Of("readlink", "/proc/self/fd/1", "/proc/self/fd/2"), TestContext.Current.CancellationToken);
        var pipes = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var held = Directory.GetFiles("/proc/self/fd")
            .Select(fd =>
            {
                try
                {
                    return new FileInfo(fd).LinkTarget;
                }
                catch (IOException)
                {
                    return null;
                }
            })
            .Where(pipes.Contains)
            .ToList();

        Assert.Equal(2, pipes.Length);
        Assert.All(pipes, p => Assert.StartsWith("pipe:[", p, StringComparison.Ordinal));
        Assert.Empty(held);
    }

    [Fact]
    public async Task Command_runner_returns_failures_and_ensure_success_says_what_was_being_done()
    {
        var runner = new ProcessCommandRunner();
        var spec = CommandSpec.Of("ls", "/definitely/not/here");

        var result = await runner.RunAsync(spec, TestContext.Current.CancellationToken);
        var error = Assert.Throws<CommandFailedException>(() => result.EnsureSuccess("listing the lab", spec));

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("listing the lab: `ls` exited with", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_runner_says_which_program_is_missing()
    {
        var runner = new ProcessCommandRunner();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => runner.RunAsync(CommandSpec.Of("no-such-program-cw"), TestContext.Current.CancellationToken));

        Assert.Contains("no-such-program-cw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launcher_streams_output_lines_and_reports_the_exit_code()
    {
        using var launcher = new LinuxProcessLauncher();
        var lines = new ConcurrentQueue<string>();

        using var process = launcher.Start(new ProcessSpec(
            "sh", ["-c", "echo out; echo err >&2; exit 7"], DieWithParent: true, OnOutputLine: lines.Enqueue));
        var exitCode = await process.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(7, exitCode);
        Assert.Contains("out", lines);
        Assert.Contains("err", lines);
    }

    [Fact]
    public async Task Launcher_signals_a_child_and_sees_it_die()
    {
        using var launcher = new LinuxProcessLauncher();
        using var process = launcher.Start(new ProcessSpec("sleep", ["30"], DieWithParent: true));

        process.Signal(UnixSignals.Terminate);
        var exitCode = await process.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(128 + UnixSignals.Terminate, exitCode);
    }

    [Fact]
    public async Task A_child_in_its_own_session_keeps_its_pid_and_its_parent_death_signal()
    {
        using var launcher = new LinuxProcessLauncher();
        using var process = launcher.Start(new ProcessSpec("sleep", ["30"], DieWithParent: true, OwnSession: true));
        try
        {
            // The pid is sleep's own (setpriv and setsid exec), and it leads a session that is not this process's.
            await Eventually.WaitUntilAsync(() => File.ReadAllText($"/proc/{process.Id}/comm").Trim() == "sleep");
            Assert.Equal(process.Id, SessionOf(process.Id));
            Assert.NotEqual(SessionOf(Environment.ProcessId), SessionOf(process.Id));
        }
        finally
        {
            process.Signal(UnixSignals.Kill);
        }

        // What the program itself finds: the parent-death signal set before setsid is still there after it.
        var lines = new ConcurrentQueue<string>();
        using var dump = launcher.Start(new ProcessSpec("setpriv", ["--dump"], DieWithParent: true, OnOutputLine: lines.Enqueue, OwnSession: true));
        Assert.Equal(0, await dump.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Contains("Parent death signal: KILL", lines);
    }

    [Fact]
    public async Task Detached_child_gets_its_own_session_and_writes_to_its_log()
    {
        var log = Path.Combine(Path.GetTempPath(), $"cw-detached-{Guid.NewGuid():N}.log");
        using var launcher = new LinuxProcessLauncher();
        using var process = launcher.Start(new ProcessSpec(
            "sh", ["-c", "echo started; exec sleep 30"], DieWithParent: false, DetachedLogFile: log));
        try
        {
            await Eventually.WaitUntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("started", StringComparison.Ordinal));

            var childSession = SessionOf(process.Id);
            Assert.NotEqual(SessionOf(Environment.ProcessId), childSession);
            Assert.Equal(process.Id, childSession);
        }
        finally
        {
            process.Signal(UnixSignals.Kill);
            File.Delete(log);
        }
    }

    private static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3]);
    }
}
