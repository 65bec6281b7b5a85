using System.Globalization;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Instance;

/// <summary>
/// One `causeway up` per instance: an exclusive lock on a file in the run directory, taken through the file seam
/// (<see cref="IFileSystem.LockExclusive"/>: flock). The kernel drops the lock when the process dies, however it
/// dies, so a stale lock never blocks a restart.
/// </summary>
/// <remarks>
/// The holder's pid is written to a file of its own next to the lock (causeway.pid), not into the lock file: on
/// Linux .NET takes flock(LOCK_SH) to open any file for reading, which fails while the holder has LOCK_EX, so the
/// lock file cannot be read by another .NET process while it is held (a second `up` could not name the running
/// one, and `down` could not find it to stop it).
/// </remarks>
public sealed class InstanceLock : IDisposable
{
    /// <summary>The pid file is for anyone to read (`causeway status` runs as any user); only root writes it.</summary>
    public const UnixFileMode PidFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly IFileSystem _files;
    private readonly IDisposable _lock;
    private readonly string _pidPath;

    private InstanceLock(IFileSystem files, IDisposable held, string pidPath)
    {
        _files = files;
        _lock = held;
        _pidPath = pidPath;
    }

    /// <summary>The lock, or null with the pid of the holder (when it could be read).</summary>
    /// <exception cref="DirectoryNotWritableException">The run directory cannot be written (read-only, permission): said at once, not taken for a holder.</exception>
    public static InstanceLock? TryAcquire(IFileSystem files, IHostIdentity identity, string path, out int? holder)
    {
        holder = null;
        var held = TryLock(files, path);
        if (held is null)
        {
            holder = ReadHolder(files, path);
            return null;
        }

        try
        {
            // Written whole under a temporary name, then renamed: a reader never sees half a pid.
            files.WriteAllTextAtomic(PidPath(path), identity.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", PidFileMode);
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return new InstanceLock(files, held, PidPath(path));
    }

    /// <summary>The pid written by the process that holds (or last held) the lock.</summary>
    public static int? ReadHolder(IFileSystem files, string path)
    {
        try
        {
            var text = files.ReadAllText(PidPath(path));
            return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether a live process holds the lock now (probed without taking it over).</summary>
    public static bool IsHeld(IFileSystem files, string path)
    {
        // Not probed when missing: the probe would create the lock file (and need a writable directory).
        if (!files.Stat(path).Exists)
        {
            return false;
        }

        using var probe = TryLock(files, path);
        return probe is null;
    }

    public void Dispose()
    {
        // The pid goes before the lock: once the lock is free, no pid of ours may be left to be read as the holder's.
        try
        {
            _files.DeleteFile(_pidPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Harmless: the pid is only read while the lock is held, and the next holder rewrites it.
        }

        _lock.Dispose();
    }

    /// <summary>The lock's pid file: causeway.lock → causeway.pid.</summary>
    public static string PidPath(string lockPath) => Path.ChangeExtension(lockPath, ".pid");

    /// <summary>The exclusive lock, without waiting; null if another process holds it (any other failure is thrown).</summary>
    private static IDisposable? TryLock(IFileSystem files, string path)
    {
        try
        {
            return files.LockExclusive(path, TimeSpan.Zero);
        }
        catch (LockHeldException)
        {
            return null;
        }
    }
}
