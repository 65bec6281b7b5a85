using Causeway.Core.Hops;
using Causeway.Core.Tunnel;
using Xunit;

namespace Causeway.Core.Tests.Hops;

/// <summary>A supervised hop's health (the provider tunnel, an overlay gateway) follows its supervisor's status.</summary>
public sealed class SupervisedHopHealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Starting_and_connecting_before_the_first_connection_are_unknown_not_down()
    {
        var health = HopHealth.Start(Start);
        foreach (var state in new[] { TunnelState.Stopped, TunnelState.Starting, TunnelState.Connecting })
        {
            health = SupervisedHopHealth.After(health, Status(state, Start.AddSeconds(1)));
        }

        Assert.Equal(HopState.Unknown, health.State);
        Assert.Equal(Start, health.Since);
    }

    [Fact]
    public void Connected_is_up_since_the_supervisor_says_it_connected()
    {
        var health = SupervisedHopHealth.After(HopHealth.Start(Start), Status(TunnelState.Connected, Start.AddSeconds(4)));

        Assert.Equal(HopState.Up, health.State);
        Assert.Equal(Start.AddSeconds(4), health.Since);
        Assert.Same(health, SupervisedHopHealth.After(health, Status(TunnelState.Connected, Start.AddSeconds(4))));
    }

    [Fact]
    public void Leaving_connected_is_down_since_it_left_and_stays_so_through_every_state_until_connected_again()
    {
        var health = SupervisedHopHealth.After(HopHealth.Start(Start), Status(TunnelState.Connected, Start.AddSeconds(4)));
        health = SupervisedHopHealth.After(health, Status(TunnelState.Reconnecting, Start.AddSeconds(30)));
        health = SupervisedHopHealth.After(health, Status(TunnelState.Connecting, Start.AddSeconds(31)));
        health = SupervisedHopHealth.After(health, Status(TunnelState.BackingOff, Start.AddSeconds(40)));

        Assert.Equal(HopState.Down, health.State);
        Assert.Equal(Start.AddSeconds(30), health.Since);

        health = SupervisedHopHealth.After(health, Status(TunnelState.Connected, Start.AddSeconds(45)));
        Assert.Equal((HopState.Up, Start.AddSeconds(45)), (health.State, health.Since));
    }

    [Fact]
    public void A_first_connection_that_fails_is_down_since_the_first_error()
    {
        var failing = Status(TunnelState.Connecting, Start.AddSeconds(6)) with { LastError = "AUTH_FAILED", LastErrorAt = Start.AddSeconds(5) };
        var health = SupervisedHopHealth.After(HopHealth.Start(Start), failing);

        Assert.Equal((HopState.Down, Start.AddSeconds(5)), (health.State, health.Since));
        Assert.Equal(HopState.Down, SupervisedHopHealth.After(HopHealth.Start(Start), Status(TunnelState.BackingOff, Start.AddSeconds(7))).State);
    }

    [Fact]
    public void A_reconnect_missed_between_two_looks_is_up_since_the_new_connection()
    {
        var health = SupervisedHopHealth.After(HopHealth.Start(Start), Status(TunnelState.Connected, Start.AddSeconds(4)));
        health = SupervisedHopHealth.After(health, Status(TunnelState.Connected, Start.AddSeconds(50)));

        Assert.Equal((HopState.Up, Start.AddSeconds(50)), (health.State, health.Since));
    }

    private static TunnelStatus Status(TunnelState state, DateTimeOffset since) => new() { State = state, StateSince = since };
}
