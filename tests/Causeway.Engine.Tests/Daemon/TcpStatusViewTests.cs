using System.Text.Json;
using Causeway.Engine.Daemon;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>What the TCP listener serves: the same report, with no client's real address anywhere.</summary>
public sealed class TcpStatusViewTests
{
    [Theory]
    [InlineData("TCP: accept(203.0.113.34:50123) failed", "TCP: accept([address]) failed")]
    [InlineData("connecting to [2001:db8::34]:443 refused", "connecting to [address] refused")]
    [InlineData("peer 2001:db8::34 went away", "peer [address] went away")]
    [InlineData("from ::ffff:1 now", "from [address] now")]
    [InlineData("restarting in 2 s (exit 1)", "restarting in 2 s (exit 1)")]
    [InlineData("at 12:03:10 since 2026-12-07", "at 12:03:10 since 2026-12-07")]
    public void Addresses_in_texts_are_redacted_and_nothing_else(string text, string expected)
    {
        Assert.Equal(expected, TcpStatusView.Redact(text));
    }

    [Fact]
    public void The_served_report_has_no_client_address_but_keeps_everything_else()
    {
        var report = StatusSamples.Full();

        var served = TcpStatusView.Of(report);

        var json = JsonSerializer.Serialize(served, DaemonJsonContext.Default.StatusReport);
        Assert.DoesNotContain("203.0.113.34", json, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8::34", json, StringComparison.Ordinal);
        Assert.Equal("exited with 1: TCP: accept([address]) failed", served.Access!.Servers[1].LastError);
        Assert.Equal(report.Access!.Sessions, served.Access.Sessions);
        Assert.Equal(report with { Access = null }, served with { Access = null });
    }
}
