using Causeway.Core.Netlink;
using Xunit;

namespace Causeway.Core.Tests.Netlink;

public sealed class ProcNetDevTests
{
    // As Linux 6.1 writes it (two header lines, then one line per device; wide numbers push the columns).
    private const string Captured = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:    1296      16    0    0    0     0          0         0     1296      16    0    0    0     0       0          0
        tuncw0: 8123456789 6543210    0    3    0     0          0         0 123456789012  98765    0    0    0     0       0          0
        zt2nvuuqiv:   42000     300    0    0    0     0          0         7    84000     600    0    0    0     0       0          0

        """;

    [Fact]
    public void Every_device_is_read_with_its_bytes_and_packets_both_ways()
    {
        var devices = ProcNetDev.Parse(Captured);

        Assert.Equal(["lo", "tuncw0", "zt2nvuuqiv"], devices.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new InterfaceCounters("tuncw0", 8123456789, 6543210, 123456789012, 98765), devices["tuncw0"]);
        Assert.Equal(new InterfaceCounters("zt2nvuuqiv", 42000, 300, 84000, 600), devices["zt2nvuuqiv"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not the file at all")]
    [InlineData("  eth0: 1 2 3")]
    [InlineData("  eth0: a b c d e f g h i j k l m n o p")]
    [InlineData(": 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16")]
    public void What_is_not_a_device_line_is_skipped(string text)
    {
        Assert.Empty(ProcNetDev.Parse(text));
    }
}
