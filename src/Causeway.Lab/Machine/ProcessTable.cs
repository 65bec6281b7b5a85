using Causeway.Engine.Seams;

namespace Causeway.Lab.Machine;

/// <summary>
/// Reads /proc to tell whether a recorded process is still the one we started (same pid AND same start time, so a
/// reused pid is never killed) and kills by pid through `kill`.
/// </summary>
public sealed class ProcessTable(IFileSystem files, NetnsRunner runner)
{
    public ICommandRunner Runner => runner.Runner;

    /// <summary>What /proc/&lt;pid&gt;/stat says, or null if there is no such process.</summary>
    public ProcessStat? Read(int pid)
    {
        try
        {
            var text = files.ReadAllText($"/proc/{pid}/stat");
            return ProcessStat.Parse(text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Alive = it exists, it is not a zombie whose threads have all exited (init reaps late here) and, when
    /// <paramref name="startTicks"/> is given, it started at that time (otherwise the pid belongs to someone else now).
    /// </summary>
    public bool IsAlive(int pid, long? startTicks = null) =>
        Read(pid) is { } stat && (stat.State != 'Z' || ThreadsStillExiting(pid)) && (startTicks is null || stat.StartTicks == startTicks);

    /// <summary>
    /// After SIGKILL the main thread of a multi-threaded process turns zombie first; the other threads exit after it,
    /// and the process's files (its flock on the instance lock, its sockets) are released only with the last of
    /// them. Until then a new `causeway up` would still find the lock held: the process is not gone yet.
    /// </summary>
    private bool ThreadsStillExiting(int pid)
    {
        try
        {
            return files.ListDirectory($"/proc/{pid}/task").Count > 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reaped while being read.
            return false;
        }
    }

    /// <summary>The process name (comm), or null.</summary>
    public string? Name(int pid) => Read(pid)?.Name;

    public async Task SignalAsync(int pid, int signal, CancellationToken ct) =>
        await runner.TryRunAsync("kill", [$"-{signal}", pid.ToString()], ct);

    /// <summary>Kills with SIGKILL and waits until the process is gone or a zombie.</summary>
    public async Task KillAsync(int pid, long? startTicks, TimeProvider time, CancellationToken ct)
    {
        if (!IsAlive(pid, startTicks))
        {
            return;
        }

        await SignalAsync(pid, UnixSignals.Kill, ct);
        await Waiting.UntilAsync(() => !IsAlive(pid, startTicks), TimeSpan.FromSeconds(10), $"process {pid} to die after SIGKILL", time, ct);
    }
}
