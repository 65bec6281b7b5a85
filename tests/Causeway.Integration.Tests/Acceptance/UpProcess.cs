using System.Diagnostics;
using System.Globalization;
using System.Text;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// A `causeway up` that a test started itself (through `ip netns exec` or `nsenter`, which both exec, so
/// <see cref="Pid"/> is causeway's own), with its stdout and stderr — the daemon's log — collected. Disposing
/// SIGKILLs it if it still runs.
/// </summary>
public sealed class UpProcess : IAsyncDisposable
{
    private static readonly ProcessCommandRunner Runner = new();
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly bool _ownGroup;

    private UpProcess(Process process, bool ownGroup)
    {
        _process = process;
        _ownGroup = ownGroup;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        Pid = _process.Id;
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid { get; }

    /// <summary>Everything it has printed so far (warnings about the profile, then the daemon's log lines).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static UpProcess Start(string program, IEnumerable<string> arguments) => Start(program, arguments, ownGroup: false, environment: null);

    /// <summary>
    /// Started through setsid, so that it leads a process group (and session) of its own, like a command typed in
    /// a terminal; setsid execs (a child of this process is no group leader), so the pid is still causeway's.
    /// </summary>
    /// <param name="environment">Variables to set for it besides this process's (e.g. $NOTIFY_SOCKET, as systemd sets them).</param>
    public static UpProcess StartInOwnGroup(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("setsid", [program, .. arguments], ownGroup: true, environment);

    private static UpProcess Start(string program, IEnumerable<string> arguments, bool ownGroup, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new UpProcess(new Process { StartInfo = info }, ownGroup);
    }

    /// <summary>kill -SIGNAL pid (e.g. <see cref="UnixSignals.Terminate"/>, <see cref="UnixSignals.Interrupt"/>).</summary>
    public async Task SignalAsync(int signal)
    {
        if (!_process.HasExited)
        {
            await Runner.RunAsync(CommandSpec.Of("kill", $"-{signal}", Pid.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// kill -SIGNAL -pgid: to its whole process group, OpenVPN included, as Ctrl-C in a terminal does. Only for a
    /// process started with <see cref="StartInOwnGroup"/> (otherwise the group would be the test runner's).
    /// </summary>
    public async Task SignalGroupAsync(int signal)
    {
        if (!_ownGroup)
        {
            throw new InvalidOperationException("not started in a process group of its own");
        }

        if (!_process.HasExited)
        {
            await Runner.RunAsync(CommandSpec.Of("kill", $"-{signal}", "--", $"-{Pid.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    /// <summary>The exit code once it has exited (128 + n if a signal n killed it), or null after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        // HasExited, not WaitForExitAsync: that also waits for EOF on the output pipes.
        var started = Stopwatch.GetTimestamp();
        while (!_process.HasExited)
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return null;
            }

            await Task.Delay(50);
        }

        return _process.ExitCode;
    }

    /// <summary>Waits until <paramref name="text"/> is in the log; throws with the log's end if it never comes.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"'{text}' not in the log of causeway up (pid {Pid}) within {timeout.TotalSeconds:0} s{(HasExited ? $"; it exited with {_process.ExitCode}" : string.Empty)}:\n{Tail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The last lines of the log, for failure messages.</summary>
    public string Tail(int lines = 30) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync(UnixSignals.Kill);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Append(line).Append('\n');
        }
    }
}
