using Causeway.Core.Tunnel;
using Xunit;

namespace Causeway.Core.Tests.Tunnel;

public sealed class RestartBackoffTests
{
    [Fact]
    public void Exits_in_a_row_wait_1_2_4_8_16_then_30_s()
    {
        var backoff = new RestartBackoff();

        Assert.Equal(
            new[] { 1, 2, 4, 8, 16, 30, 30, 30 }.Select(s => TimeSpan.FromSeconds(s)),
            Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(stable: false)));
    }

    [Fact]
    public void An_exit_after_a_stable_connection_waits_1_s_again_and_doubles_from_there()
    {
        var backoff = new RestartBackoff();
        for (var i = 0; i < 6; i++)
        {
            backoff.NextDelay(stable: false);
        }

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(stable: true));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.NextDelay(stable: false));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(stable: true));
    }

    [Fact]
    public void A_connection_is_stable_from_30_s()
    {
        var since = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

        Assert.False(RestartBackoff.IsStable(since, since + TimeSpan.FromSeconds(29.999)));
        Assert.True(RestartBackoff.IsStable(since, since + TimeSpan.FromSeconds(30)));
    }
}
