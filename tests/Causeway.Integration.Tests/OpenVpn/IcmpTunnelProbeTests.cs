using System.Net;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.OpenVpn;

public sealed class IcmpTunnelProbeTests
{
    [Fact]
    public async Task Loopback_answers()
    {
        await using var scope = NetnsScope.Create();

        Assert.True(await new IcmpTunnelProbe().EchoAsync(IPAddress.Loopback, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken));
        Assert.True(await new IcmpTunnelProbe().EchoAsync(IPAddress.IPv6Loopback, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task From_a_namespace_only_its_own_addresses_answer()
    {
        await using var scope = NetnsScope.Create();
        var a = await scope.AddNamespaceAsync("a");
        var b = await scope.AddNamespaceAsync("b");
        await scope.AddVethAsync(a, "va", b, "vb");
        await scope.ExecAsync(a, "ip", "address", "add", "10.77.0.1/24", "dev", "va");
        await scope.ExecAsync(b, "ip", "address", "add", "10.77.0.2/24", "dev", "vb");
        using var probe = new NetnsTunnelProbe(a, new IcmpTunnelProbe());

        Assert.True(await probe.EchoAsync(IPAddress.Parse("10.77.0.2"), TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken));

        // An address on that veth's subnet that nobody has: no answer, within the timeout.
        var started = DateTime.UtcNow;
        Assert.False(await probe.EchoAsync(IPAddress.Parse("10.77.0.3"), TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));

        await scope.ExecAsync(b, "nft", "add", "table", "inet", "t");
        await scope.ExecAsync(b, "nft", "add", "chain", "inet", "t", "in", "{ type filter hook input priority 0; policy accept; }");
        await scope.ExecAsync(b, "nft", "add", "rule", "inet", "t", "in", "icmp", "type", "echo-request", "drop");
        Assert.False(await probe.EchoAsync(IPAddress.Parse("10.77.0.2"), TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));
    }
}
