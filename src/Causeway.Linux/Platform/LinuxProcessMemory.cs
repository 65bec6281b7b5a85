using System.Globalization;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// The GC's <see cref="GC.Collect(int, GCCollectionMode, bool, bool)"/> in its aggressive mode, and MADV_PAGEOUT on this
/// program's read-only mappings of its own file, found in /proc/self/maps. Why the pages: the binary is most of the
/// idle daemon's resident memory, and the kernel maps 64 KiB around every page startup touched (the config parser,
/// Kestrel's start, the PKI); paged out once settled, only what the daemon keeps running comes back
/// (bench/footprint/README.md). Writable mappings are left alone, and the kernel itself skips the pages other
/// processes map (a `causeway status` running at that moment) and anonymous ones (relocated data, without swap).
/// </summary>
public sealed class LinuxProcessMemory : IProcessMemory
{
    private const string MapsPath = "/proc/self/maps";

    public void CompactHeap() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public void ReleaseProgramPages()
    {
        if (Environment.ProcessPath is not { } program)
        {
            return;
        }

        try
        {
            foreach (var line in File.ReadLines(MapsPath))
            {
                if (ReadOnlyMappingOf(line, program) is { } mapping)
                {
                    // A kernel older than 5.4 says EINVAL: then the pages simply stay, as they would without this.
                    _ = NativeMethods.Madvise(mapping.Start, mapping.Length, NativeMethods.MadvisePageOut);
                }
            }
        }
        catch (IOException)
        {
            // No /proc: nothing is given back, nothing else changes.
        }
    }

    /// <summary>"start-end perms offset dev inode path": the range, if the line maps <paramref name="program"/> without write access.</summary>
    public static (nint Start, nuint Length)? ReadOnlyMappingOf(string line, string program)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || fields[5].Trim() != program || fields[1].Length < 2 || fields[1][1] == 'w')
        {
            return null;
        }

        var range = fields[0].Split('-');
        if (range.Length != 2
            || !ulong.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
            || end <= start)
        {
            return null;
        }

        return ((nint)start, (nuint)(end - start));
    }
}
