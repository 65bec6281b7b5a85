using Causeway.Core.Hops;
using CsCheck;
using Xunit;

namespace Causeway.Core.Tests.Hops;

public sealed class HopHealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 3, 0, TimeSpan.Zero);

    [Fact]
    public void Any_sequence_of_probes_gives_the_state_its_trailing_losses_say_and_since_when_that_state_began()
    {
        Gen.Select(Gen.Int[1, 5], Gen.Bool.Array[0, 40]).Sample(t =>
        {
            var (failuresToDown, answered) = t;
            var policy = new HopHealthPolicy(failuresToDown);
            var health = HopHealth.Start(Start);
            var states = new List<HopState>();
            for (var i = 0; i < answered.Length; i++)
            {
                health = health.After(Outcome(i, answered[i]), policy);
                states.Add(Expected(answered.AsSpan(0, i + 1), failuresToDown));
            }

            Assert.Equal(Expected(answered, failuresToDown), health.State);
            Assert.Equal(ExpectedSince(answered, states), health.Since);
            Assert.Equal(Trailing(answered), health.FailuresInARow);
        });
    }

    [Fact]
    public void One_lost_echo_among_answers_keeps_the_hop_up_since_it_came_up()
    {
        var health = HopHealth.Start(Start);
        bool[] answered = [false, true, true, false, true, false, false, true];
        for (var i = 0; i < answered.Length; i++)
        {
            health = health.After(Outcome(i, answered[i]), HopHealthPolicy.Default);
        }

        Assert.Equal(HopState.Up, health.State);
        Assert.Equal(At(1), health.Since);
        Assert.Equal(TimeSpan.FromMilliseconds(20), health.LastRoundTrip);
    }

    [Fact]
    public void Down_is_dated_from_the_first_lost_probe_and_stays_so_while_probes_keep_failing()
    {
        var health = HopHealth.Start(Start).After(Outcome(0, true), HopHealthPolicy.Default);
        for (var i = 1; i <= 6; i++)
        {
            health = health.After(Outcome(i, false), HopHealthPolicy.Default);
            Assert.Equal(i >= 3 ? HopState.Down : HopState.Up, health.State);
        }

        Assert.Equal(At(1), health.Since);
        Assert.Equal(6, health.FailuresInARow);
    }

    private static HopProbeOutcome Outcome(int i, bool answered) =>
        answered ? HopProbeOutcome.Answer(At(i), TimeSpan.FromMilliseconds(20)) : HopProbeOutcome.Lost(At(i));

    private static DateTimeOffset At(int i) => Start.AddSeconds(1 + i);

    private static int Trailing(ReadOnlySpan<bool> answered)
    {
        var count = 0;
        for (var i = answered.Length - 1; i >= 0 && !answered[i]; i--)
        {
            count++;
        }

        return count;
    }

    // The definition, stated without the type under test: down after enough losses in a row, up after any answer
    // that fewer losses have followed, unknown before the first answer.
    private static HopState Expected(ReadOnlySpan<bool> answered, int failuresToDown) =>
        Trailing(answered) >= failuresToDown ? HopState.Down
        : answered.Contains(true) ? HopState.Up
        : HopState.Unknown;

    private static DateTimeOffset ExpectedSince(bool[] answered, List<HopState> states)
    {
        if (states.Count == 0 || states[^1] == HopState.Unknown)
        {
            return Start;
        }

        if (states[^1] == HopState.Down)
        {
            return At(answered.Length - Trailing(answered));
        }

        var began = states.Count - 1;
        while (began > 0 && states[began - 1] == HopState.Up)
        {
            began--;
        }

        return At(began);
    }
}
