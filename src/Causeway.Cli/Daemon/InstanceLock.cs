using System.Globalization;

namespace Causeway.Cli.Daemon;

/// <summary>
/// One `causeway up` per instance: an exclusive lock (flock) on a file in the run directory, holding the pid.
/// The kernel drops the lock when the process dies, however it dies, so a stale lock never blocks a restart.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream) => _stream = stream;

    /// <summary>The lock, or null with the pid of the holder (when it could be read).</summary>
    public static InstanceLock? TryAcquire(string path, out int? holder)
    {
        holder = null;
        try
        {
            // FileShare.None is an exclusive flock on Linux.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.Write(pid);
            stream.Flush();
            return new InstanceLock(stream);
        }
        catch (IOException)
        {
            holder = ReadHolder(path);
            return null;
        }
    }

    /// <summary>The pid written by the process that holds (or last held) the lock.</summary>
    public static int? ReadHolder(string path)
    {
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader);
            return int.TryParse(text.ReadToEnd().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether a live process holds the lock now.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var probe = TryAcquire(path, out _);
        return probe is null;
    }

    public void Dispose() => _stream.Dispose();
}
