using System.Globalization;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// The GC's <see cref="GC.Collect(int, GCCollectionMode, bool, bool)"/> in its aggressive mode, and MADV_DONTNEED on
/// this process's clean read-only mappings of files, found in /proc/self/smaps: the binary's code and read-only data,
/// and the libraries' (libcrypto, used by startup's PKI and then idle, alone held ≈ 3 MB). Why: the kernel maps
/// 64 KiB around every page startup touched (the config parser, Kestrel's start, the PKI), and those pages are most
/// of the idle daemon's resident memory; dropped once settled, only what the daemon keeps running comes back, from the
/// page cache (bench/footprint/README.md).
/// </summary>
/// <remarks>
/// Only mappings nothing was ever written to (smaps' "Anonymous: 0 kB"; not writable): for those, MADV_DONTNEED only
/// unmaps, and the next access maps the same bytes from the file again. A mapping with private copies (the relocated
/// data the loader wrote, then made read-only) would lose its writes, so it is left alone; so are writable, shared and
/// anonymous mappings. Other processes' mappings of the same files are not touched.
/// </remarks>
public sealed class LinuxProcessMemory : IProcessMemory
{
    private const string SmapsPath = "/proc/self/smaps";

    public void CompactHeap() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public void ReleaseProgramPages()
    {
        try
        {
            foreach (var (start, length) in CleanReadOnlyFileMappings(File.ReadLines(SmapsPath)))
            {
                // Each a hint; a failure leaves the pages as they would be without it. In this order: no readahead
                // from now on (a page needed again is read alone, not with its neighbours), the pages no other
                // process maps out of the page cache as well (else the kernel maps 64 KiB around each page needed
                // again: fault-around takes whatever is cached), then this process's mapping of all of them.
                _ = NativeMethods.Madvise(start, length, NativeMethods.MadviseRandom);
                _ = NativeMethods.Madvise(start, length, NativeMethods.MadvisePageOut);
                _ = NativeMethods.Madvise(start, length, NativeMethods.MadviseDontNeed);
            }
        }
        catch (IOException)
        {
            // No /proc: nothing is given back, nothing else changes.
        }
    }

    /// <summary>
    /// From /proc/&lt;pid&gt;/smaps: the ranges of private, read-only mappings of a file that hold resident pages and no
    /// private copies (nothing ever written), i.e. those whose pages the file gives back unchanged.
    /// </summary>
    public static IReadOnlyList<(nint Start, nuint Length)> CleanReadOnlyFileMappings(IEnumerable<string> smaps)
    {
        var found = new List<(nint, nuint)>();
        (nint Start, nuint Length)? candidate = null;
        long? resident = null;
        long? anonymous = null;

        void Close()
        {
            if (candidate is { } c && resident > 0 && anonymous == 0)
            {
                found.Add(c);
            }
        }

        foreach (var line in smaps)
        {
            if (MappingOf(line) is { } header)
            {
                Close();
                candidate = header.Clean ? (header.Start, header.Length) : null;
                resident = null;
                anonymous = null;
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line);
            }
            else if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line);
            }
        }

        Close();
        return found;
    }

    /// <summary>"start-end perms offset dev inode [path]": the range, and whether it is a private read-only mapping of a file.</summary>
    private static (nint Start, nuint Length, bool Clean)? MappingOf(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[1].Length != 4 || fields[0].Split('-') is not [var from, var to]
            || !ulong.TryParse(from, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(to, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
            || end <= start)
        {
            return null;
        }

        var path = fields.Length == 6 ? fields[5].Trim() : string.Empty;
        var clean = path.StartsWith('/') && !path.EndsWith("(deleted)", StringComparison.Ordinal)
            && fields[1][0] == 'r' && fields[1][1] == '-' && fields[1][3] == 'p';
        return ((nint)start, (nuint)(end - start), clean);
    }

    /// <summary>"Rss:   1234 kB" → 1234; null if it does not read so.</summary>
    private static long? Kilobytes(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
