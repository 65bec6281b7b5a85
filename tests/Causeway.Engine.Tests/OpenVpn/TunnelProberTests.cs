using System.Net;
using Causeway.Engine.OpenVpn;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.OpenVpn;

public sealed class TunnelProberTests
{
    private static readonly IPAddress Gateway = IPAddress.Parse("10.8.0.1");

    [Fact]
    public async Task Echoes_at_once_then_every_interval_until_disposed()
    {
        var time = new FakeTimeProvider();
        var probe = new ScriptedTunnelProbe();
        var results = new List<bool>();
        var prober = TunnelProber.Start(probe, Gateway, TimeSpan.FromSeconds(1), time, new TestLogger<TunnelProber>(), r =>
        {
            lock (results)
            {
                results.Add(r);
            }
        });

        Assert.Equal(Gateway, await probe.Calls.ReadAsync(TestContext.Current.CancellationToken));
        await Eventually.WaitUntilAsync(() => prober.Sent == 1);
        for (var tick = 2; tick <= 4; tick++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await probe.Calls.ReadAsync(TestContext.Current.CancellationToken);
            await Eventually.WaitUntilAsync(() => prober.Sent == tick);
        }

        await prober.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(4, prober.Sent);
        Assert.Equal(4, prober.Answered);
        Assert.False(probe.Calls.TryRead(out _));
        lock (results)
        {
            Assert.Equal([true, true, true, true], results);
        }
    }

    [Fact]
    public async Task A_probe_that_cannot_send_is_not_an_unanswered_echo()
    {
        var time = new FakeTimeProvider();
        var probe = new ScriptedTunnelProbe { Failure = new IOException("opening a raw ICMP socket: Operation not permitted (run as root?)") };
        var prober = TunnelProber.Start(probe, Gateway, TimeSpan.FromSeconds(1), time, new TestLogger<TunnelProber>(), _ => Assert.Fail("no result expected"));

        await Eventually.WaitUntilAsync(() => prober.Failures == 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => prober.Failures == 2);
        await prober.DisposeAsync();

        Assert.Equal(0, prober.Sent);
        Assert.Equal(0, prober.Answered);
    }
}
