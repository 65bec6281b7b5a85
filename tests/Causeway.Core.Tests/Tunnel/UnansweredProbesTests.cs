using System.Net;
using Causeway.Core.Tunnel;
using Xunit;

namespace Causeway.Core.Tests.Tunnel;

public sealed class UnansweredProbesTests
{
    private static readonly IPAddress Gateway = IPAddress.Parse("10.8.0.1");

    [Fact]
    public void Two_ping_restarts_in_a_row_with_every_echo_unanswered_are_an_error()
    {
        var probes = new UnansweredProbes();

        Assert.True(probes.Record("ping-restart", sent: 5, answered: 0));
        Assert.Null(probes.Error(Gateway));
        Assert.True(probes.Record("ping-restart", sent: 6, answered: 0));

        Assert.Equal(
            "the provider does not answer pings on its tunnel address 10.8.0.1: dead-peer detection falls back to OpenVPN's "
            + "ping-restart alone, which restarted an idle tunnel 2 times in a row; set ping_restart_seconds above the "
            + "provider's keepalive interval (e.g. 25 for `keepalive 10 60`)",
            probes.Error(Gateway));
    }

    [Fact]
    public void An_answered_echo_clears_the_count_and_other_ends_do_not_count()
    {
        var probes = new UnansweredProbes();
        probes.Record("ping-restart", sent: 5, answered: 0);

        Assert.False(probes.Record("ping-restart", sent: 5, answered: 1));
        Assert.Equal(0, probes.InARow);
        Assert.False(probes.Record("tls-error", sent: 5, answered: 0));
        Assert.False(probes.Record(null, sent: 5, answered: 0));
        Assert.False(probes.Record("ping-restart", sent: 0, answered: 0));
        Assert.Equal(0, probes.InARow);
    }
}
