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

    /// <summary>
    /// The internet hop's probe: bound to the overlay address, the echo follows the policy rule that selects that source
    /// (as Causeway installs it), into the "tunnel" or nowhere, never out of the uplink, which would answer it.
    /// </summary>
    [Fact]
    public async Task Bound_to_a_source_the_echo_takes_the_route_the_policy_rules_give_that_source()
    {
        await using var scope = NetnsScope.Create();
        var host = await scope.AddNamespaceAsync("h");
        var uplink = await scope.AddNamespaceAsync("u");
        var tunnel = await scope.AddNamespaceAsync("t");
        await scope.AddVethAsync(host, "wan", uplink, "isp");
        await scope.AddVethAsync(host, "tn", tunnel, "far");
        await scope.ExecAsync(host, "ip", "link", "add", "zt", "type", "veth", "peer", "name", "ztpeer");
        await scope.ExecAsync(host, "ip", "link", "set", "zt", "up");
        await scope.ExecAsync(host, "ip", "link", "set", "ztpeer", "up");
        await scope.ExecAsync(host, "ip", "address", "add", "10.222.0.1/24", "dev", "zt");
        await scope.ExecAsync(host, "ip", "address", "add", "10.1.0.1/24", "dev", "wan");
        await scope.ExecAsync(host, "ip", "address", "add", "10.2.0.1/24", "dev", "tn");
        await scope.ExecAsync(host, "ip", "route", "add", "default", "via", "10.1.0.2");
        await scope.ExecAsync(host, "ip", "route", "add", "default", "via", "10.2.0.2", "table", "7270");

        // Both far ends could answer for the target and reach the overlay address back; only the tunnel's side may.
        await scope.ExecAsync(uplink, "ip", "address", "add", "10.1.0.2/24", "dev", "isp");
        await scope.ExecAsync(uplink, "ip", "address", "add", "9.9.9.9/32", "dev", "lo");
        await scope.ExecAsync(uplink, "ip", "route", "add", "10.222.0.0/24", "via", "10.1.0.1");
        await scope.ExecAsync(tunnel, "ip", "address", "add", "10.2.0.2/24", "dev", "far");
        await scope.ExecAsync(tunnel, "ip", "route", "add", "10.222.0.0/24", "via", "10.2.0.1");
        await scope.ExecAsync(host, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.wan.rp_filter=0", "net.ipv4.conf.tn.rp_filter=0");
        using var probe = new NetnsTunnelProbe(host, new IcmpTunnelProbe());
        var target = IPAddress.Parse("9.9.9.9");
        var overlay = IPAddress.Parse("10.222.0.1");
        var cancel = TestContext.Current.CancellationToken;

        // Unbound, and bound while no rule selects the source: the host's own route, and the uplink answers.
        Assert.NotNull(await probe.EchoAsync(null, target, TimeSpan.FromSeconds(2), cancel));
        Assert.NotNull(await probe.EchoAsync(overlay, target, TimeSpan.FromSeconds(2), cancel));

        // From the overlay address, with Causeway's rule: into the tunnel, where nobody has the target yet; the uplink,
        // which would answer, never sees it.
        await scope.ExecAsync(host, "ip", "rule", "add", "priority", "7271", "from", "10.222.0.1", "lookup", "7270");
        Assert.Null(await probe.EchoAsync(overlay, target, TimeSpan.FromMilliseconds(500), cancel));

        await scope.ExecAsync(tunnel, "ip", "address", "add", "9.9.9.9/32", "dev", "lo");
        var roundTrip = await probe.EchoAsync(overlay, target, TimeSpan.FromSeconds(2), cancel);
        Assert.NotNull(roundTrip);
        Assert.InRange(roundTrip.Value, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(2));

        // The tunnel gone from the table: unreachable, at once, not the uplink.
        await scope.ExecAsync(host, "ip", "route", "replace", "unreachable", "default", "table", "7270");
        var started = DateTime.UtcNow;
        Assert.Null(await probe.EchoAsync(overlay, target, TimeSpan.FromSeconds(2), cancel));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        // A source that is not this host's cannot be bound: the echo is not sent, and it says why.
        var error = await Assert.ThrowsAsync<IOException>(() => probe.EchoAsync(IPAddress.Parse("10.222.0.99"), target, TimeSpan.FromSeconds(1), cancel));
        Assert.Contains("is 10.222.0.99 still this host's address?", error.Message, StringComparison.Ordinal);
    }
}
