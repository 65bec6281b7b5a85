using Causeway.Engine.Seams;

namespace Causeway.Engine.Instance;

/// <summary>
/// The `causeway up` that holds an instance's lock, as `causeway down` stops it: SIGTERM to the pid in the lock's pid
/// file, then a wait until the lock is free (the kernel frees it when that process is gone). `up` stops OpenVPN and
/// exits, leaving the access servers and the kill switch to the teardown that follows, so nothing leaks in between.
/// </summary>
public sealed class RunningDaemon(IFileSystem files, ISignals signals, TimeProvider time)
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often the lock is probed while waiting: `up` takes a second or more to stop.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Stops the daemon holding <paramref name="lockPath"/>, if one does.</summary>
    /// <param name="stopping">Told the pid before the signal is sent, for the user.</param>
    /// <returns>The pid that was stopped; null when no daemon held the lock.</returns>
    /// <exception cref="IOException">The holder's pid cannot be read, or it cannot be signalled.</exception>
    /// <exception cref="TimeoutException">It still holds the lock after <see cref="StopTimeout"/>.</exception>
    public async Task<int?> StopAsync(string lockPath, Action<int> stopping, CancellationToken cancellationToken)
    {
        if (!InstanceLock.IsHeld(files, lockPath))
        {
            return null;
        }

        if (InstanceLock.ReadHolder(files, lockPath) is not { } pid)
        {
            throw new IOException($"a causeway up holds {lockPath} but its pid cannot be read: stop it yourself, then run `causeway down` again");
        }

        stopping(pid);

        // False: it exited between the probe and the signal; the wait below then ends at once.
        signals.Send(pid, UnixSignals.Terminate);
        var signalled = time.GetTimestamp();
        while (InstanceLock.IsHeld(files, lockPath))
        {
            if (time.GetElapsedTime(signalled) >= StopTimeout)
            {
                throw new TimeoutException($"causeway up (pid {pid}) did not stop within {StopTimeout.TotalSeconds:0} s: kill it, then run `causeway down` again");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return pid;
    }
}
