using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

/// <summary>Which mappings of /proc/self/smaps are clean read-only file pages, and that giving memory back keeps the process whole.</summary>
public sealed class LinuxProcessMemoryTests
{
    /// <summary>From an idle `causeway up` (trimmed): its code, its relocated read-only data, its data, libcrypto, the heap, the stack.</summary>
    private static readonly string[] Smaps =
    [
        "560294fe6000-5602958cc000 r-xp 00026000 fe:00 11699483                   /usr/bin/causeway",
        "Size:               9112 kB",
        "Rss:                7676 kB",
        "Anonymous:             0 kB",
        "VmFlags: rd ex mr mw me sd",
        "5602958cc000-560295e0e000 r--p 0090c000 fe:00 11699483                   /usr/bin/causeway",
        "Size:               5384 kB",
        "Rss:                1128 kB",
        "Anonymous:             0 kB",
        "560295e0e000-560295e4e000 r--p 00e4e000 fe:00 11699483                   /usr/bin/causeway",
        "Size:                256 kB",
        "Rss:                 256 kB",
        "Anonymous:           256 kB",
        "560296149000-560296193000 rw-p 01188000 fe:00 11699483                   /usr/bin/causeway",
        "Rss:                 300 kB",
        "Anonymous:           136 kB",
        "7f0c1a000000-7f0c1a27f000 r-xp 000c5000 fe:00 123                        /usr/lib/x86_64-linux-gnu/libcrypto.so.3",
        "Rss:                2360 kB",
        "Anonymous:             0 kB",
        "7f0c1a300000-7f0c1a310000 r--p 00000000 fe:00 124                        /usr/lib/x86_64-linux-gnu/libm.so.6",
        "Rss:                   0 kB",
        "Anonymous:             0 kB",
        "7f0c1b000000-7f0c1b010000 r--p 00000000 fe:00 125                        /usr/bin/causeway (deleted)",
        "Rss:                  64 kB",
        "Anonymous:             0 kB",
        "7f0c1c000000-7f0c1c010000 r--s 00000000 00:05 126                        /dev/shm/something",
        "Rss:                  64 kB",
        "Anonymous:             0 kB",
        "55a8f6d14000-55a8f6dd9000 rw-p 00000000 00:00 0                          [heap]",
        "Rss:                 768 kB",
        "Anonymous:           768 kB",
        "7ffd3a3e0000-7ffd3a3e2000 r-xp 00000000 00:00 0                          [vdso]",
        "Rss:                   8 kB",
        "Anonymous:             0 kB",
    ];

    [Fact]
    public void Only_resident_private_read_only_file_mappings_nothing_was_written_to_are_released()
    {
        var released = LinuxProcessMemory.CleanReadOnlyFileMappings(Smaps);

        // Not: the relocated read-only data (private copies), the writable data, an empty mapping, a replaced file,
        // a shared mapping, the heap, the vDSO.
        Assert.Equal(
            [(0x560294fe6000L, 0x8e6000UL), (0x5602958cc000L, 0x542000UL), (0x7f0c1a000000L, 0x27f000UL)],
            released.Select(r => ((long)r.Start, (ulong)r.Length)));
    }

    [Fact]
    public void A_mapping_whose_counts_are_missing_is_left_alone() =>
        Assert.Empty(LinuxProcessMemory.CleanReadOnlyFileMappings(["560294fe6000-5602958cc000 r-xp 00026000 fe:00 1 /usr/bin/causeway", "garbage"]));

    [Fact]
    public void Giving_memory_back_keeps_the_process_and_its_heap_whole()
    {
        var memory = new LinuxProcessMemory();
        var kept = Enumerable.Range(0, 1000).Select(i => $"item {i}").ToList();
        var before = ResidentFileKilobytes();

        memory.CompactHeap();
        memory.ReleaseProgramPages();

        // This very process's code and libraries were unmapped under it, and it goes on: they came back from their files.
        Assert.Equal("item 999", kept[^1]);
        Assert.Equal(1000, kept.Count);
        Assert.True(ResidentFileKilobytes() < before, $"nothing was released: {before} kB of file pages before, as many after");
    }

    private static long ResidentFileKilobytes() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("RssFile:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
