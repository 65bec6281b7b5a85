using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Model;

public sealed class SocketBufferCapTests
{
    [Fact]
    public void A_stock_kernels_limit_below_the_request_is_named_with_the_fix()
    {
        var warning = SocketBufferCap.Warning(2097152, 212992, 212992);

        Assert.NotNull(warning);
        Assert.Contains("net.core.rmem_max=212992", warning, StringComparison.Ordinal);
        Assert.Contains("OpenVPN gets about 425984 bytes", warning, StringComparison.Ordinal);
        Assert.Contains("sysctl -w net.core.rmem_max=2097152 net.core.wmem_max=2097152", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Either_limit_alone_being_too_low_is_enough_to_warn()
    {
        Assert.NotNull(SocketBufferCap.Warning(2097152, 4194304, 212992));
        Assert.NotNull(SocketBufferCap.Warning(2097152, 212992, 4194304));
    }

    [Theory]
    [InlineData(2097152, 2097152, 2097152)]
    [InlineData(2097152, 4194304, 4194304)]
    [InlineData(0, 212992, 212992)]
    public void Nothing_to_say_when_the_request_fits_or_the_os_default_is_kept(int requested, long receiveMax, long sendMax) =>
        Assert.Null(SocketBufferCap.Warning(requested, receiveMax, sendMax));
}
