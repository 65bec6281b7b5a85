using Causeway.Engine.Seams;

namespace Causeway.Lab.Bench;

/// <summary>
/// CPU time of processes from /proc/&lt;pid&gt;/stat, in clock ticks. The kernel reports these in USER_HZ, which is
/// 100 on every Linux ABI whatever CONFIG_HZ is.
/// </summary>
public static class CpuTicks
{
    public const double PerSecond = 100;

    /// <summary>
    /// utime + stime (fields 14 and 15), plus cutime + cstime (16 and 17: children it has waited for) when asked:
    /// the daemon's `ip` and `nft` commands are its CPU too.
    /// </summary>
    public static long Parse(string statText, bool withChildren)
    {
        // comm (field 2) may hold spaces and parentheses: count fields from the last ')'.
        var close = statText.LastIndexOf(')');
        if (close < 0)
        {
            throw new FormatException($"not a /proc/<pid>/stat line: {statText}");
        }

        var fields = statText[(close + 2)..].Split(' ');
        // fields[0] is field 3; field n is fields[n - 3].
        long Field(int n) => long.Parse(fields[n - 3]);
        return Field(14) + Field(15) + (withChildren ? Field(16) + Field(17) : 0);
    }

    /// <summary>The ticks of a process, or null if it is gone.</summary>
    public static long? Read(IFileSystem files, int pid, bool withChildren = false)
    {
        try
        {
            return Parse(files.ReadAllText($"/proc/{pid}/stat"), withChildren);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The pids of the kernel's ksoftirqd/N threads.</summary>
    public static IReadOnlyList<int> SoftIrqThreads(IFileSystem files)
    {
        var pids = new List<int>();
        foreach (var entry in files.ListDirectory("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid))
            {
                try
                {
                    if (files.ReadAllText($"/proc/{pid}/comm").StartsWith("ksoftirqd/", StringComparison.Ordinal))
                    {
                        pids.Add(pid);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone in the meantime.
                }
            }
        }

        return pids;
    }
}
