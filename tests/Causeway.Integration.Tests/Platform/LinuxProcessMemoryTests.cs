using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

/// <summary>Which lines of /proc/self/maps are the program's read-only pages, and that giving memory back keeps the process whole.</summary>
public sealed class LinuxProcessMemoryTests
{
    private const string Program = "/usr/bin/causeway";

    [Theory]
    [InlineData("560294fe6000-5602958cc000 r-xp 00026000 fe:00 11699483                   /usr/bin/causeway", 0x560294fe6000L, 0x8e6000L)]
    [InlineData("5602958cc000-560295e0e000 r--p 0090c000 fe:00 11699483                   /usr/bin/causeway", 0x5602958cc000L, 0x542000L)]
    public void A_read_only_mapping_of_the_program_is_its_range(string line, long start, long length) =>
        Assert.Equal(((nint)start, (nuint)length), LinuxProcessMemory.ReadOnlyMappingOf(line, Program));

    [Theory]
    [InlineData("560296149000-560296193000 rw-p 01188000 fe:00 11699483                   /usr/bin/causeway")] // its data: written
    [InlineData("7f0c1a000000-7f0c1a200000 r-xp 00000000 fe:00 123 /usr/lib/x86_64-linux-gnu/libc.so.6")] // another file
    [InlineData("7f0c1a000000-7f0c1a200000 r--p 00000000 fe:00 123 /usr/bin/causeway (deleted)")] // replaced by an upgrade
    [InlineData("7ffd3a1f0000-7ffd3a211000 rw-p 00000000 00:00 0                          [stack]")]
    [InlineData("7ffd3a3e0000-7ffd3a3e2000 r-xp 00000000 00:00 0")] // anonymous: five fields
    [InlineData("garbage")]
    public void Anything_else_is_left_alone(string line) =>
        Assert.Null(LinuxProcessMemory.ReadOnlyMappingOf(line, Program));

    [Fact]
    public void Giving_memory_back_keeps_the_process_and_its_heap_whole()
    {
        var memory = new LinuxProcessMemory();
        var kept = Enumerable.Range(0, 1000).Select(i => $"item {i}").ToList();

        memory.CompactHeap();
        memory.ReleaseProgramPages();

        Assert.Equal("item 999", kept[^1]);
        Assert.Equal(1000, kept.Count);
    }
}
