using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.Pki;

/// <summary>
/// One `openvpn --config FILE` inside a network namespace, dying with the test process, whose log lines can be
/// awaited. Disposing stops it (SIGTERM, then SIGKILL) whether or not the test passed.
/// </summary>
public sealed class OpenVpnProcess : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly IRunningProcess _process;

    private OpenVpnProcess(string name, IProcessLauncher launcher, string ns, string configPath)
    {
        Name = name;
        _process = launcher.Start(new ProcessSpec(
            "ip",
            ["netns", "exec", ns, "openvpn", "--config", configPath],
            DieWithParent: true,
            OnOutputLine: OnLine));
    }

    public string Name { get; }

    public Task<int> Exited => _process.Exited;

    /// <summary>Everything it has logged so far, for assertion messages.</summary>
    public string Log
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static OpenVpnProcess Start(string name, IProcessLauncher launcher, string ns, string configPath) =>
        new(name, launcher, ns, configPath);

    public bool HasLogged(string text)
    {
        lock (_gate)
        {
            return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The first log line containing <paramref name="text"/>, as soon as it is written. Fails with the whole log
    /// if it does not come within <paramref name="timeout"/> or if OpenVPN exits first (checked every 100 ms; see
    /// <see cref="WaitUntilGoneAsync"/> for why Exited alone is not enough).
    /// </summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var earlier = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add((text, seen));
        }

        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Task.WhenAny(seen.Task, _process.Exited, Task.Delay(100)) == seen.Task)
            {
                return await seen.Task;
            }

            if (_process.Exited.IsCompleted || IsGone(_process.Id))
            {
                // Its last lines may still be in the pipe: give them a moment before calling it.
                if (await Task.WhenAny(seen.Task, Task.Delay(500)) == seen.Task)
                {
                    return await seen.Task;
                }

                throw new TimeoutException($"{Name}: waiting for '{text}': it exited first; its log:\n{Log}");
            }
        }

        throw new TimeoutException($"{Name}: waiting for '{text}': not within {timeout.TotalSeconds:0} s; its log:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Signal(UnixSignals.Terminate);
        if (!await WaitUntilGoneAsync(TimeSpan.FromSeconds(5)))
        {
            _process.Signal(UnixSignals.Kill);
            await WaitUntilGoneAsync(TimeSpan.FromSeconds(5));
        }

        _process.Dispose();
    }

    /// <summary>
    /// Gone = <see cref="IRunningProcess.Exited"/> completed, or /proc says the pid is gone or a zombie. The /proc
    /// check is there because LinuxProcessLauncher's Exited never completes for a non-detached child (its EOF
    /// callback calls Process.WaitForExit(), which waits for that same callback); drop it once that is fixed.
    /// </summary>
    private async Task<bool> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.Exited.IsCompleted || IsGone(_process.Id))
            {
                return true;
            }

            await Task.WhenAny(_process.Exited, Task.Delay(50));
        }

        return false;
    }

    private static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private void OnLine(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }
}
