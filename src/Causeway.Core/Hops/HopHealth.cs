namespace Causeway.Core.Hops;

/// <summary>
/// The health of one hop as its probes tell it, immutable: each outcome gives the next value
/// (<see cref="After"/>). Up as soon as a probe is answered; down once <see cref="HopHealthPolicy.FailuresToDown"/>
/// probes in a row are lost, and then down since the first of them (when the path really went), not since the
/// probe that tipped it.
/// </summary>
/// <param name="Since">When the hop entered <paramref name="State"/> (for Unknown: when watching began).</param>
/// <param name="FailuresInARow">Lost probes since the last answered one.</param>
/// <param name="FirstFailureAt">When the first of those was sent; null while none is lost.</param>
/// <param name="LastRoundTrip">The round trip of the last answered probe; null before any.</param>
public sealed record HopHealth(
    HopState State,
    DateTimeOffset Since,
    int FailuresInARow,
    DateTimeOffset? FirstFailureAt,
    TimeSpan? LastRoundTrip)
{
    /// <summary>Nothing known yet: watching began at <paramref name="at"/>.</summary>
    public static HopHealth Start(DateTimeOffset at) => new(HopState.Unknown, at, 0, null, null);

    /// <summary>The health after <paramref name="outcome"/>.</summary>
    public HopHealth After(HopProbeOutcome outcome, HopHealthPolicy policy)
    {
        if (outcome.RoundTrip is { } roundTrip)
        {
            return new(HopState.Up, State == HopState.Up ? Since : outcome.At, 0, null, roundTrip);
        }

        var failures = FailuresInARow + 1;
        var firstFailure = FirstFailureAt ?? outcome.At;
        if (failures >= policy.FailuresToDown)
        {
            return this with
            {
                State = HopState.Down,
                Since = State == HopState.Down ? Since : firstFailure,
                FailuresInARow = failures,
                FirstFailureAt = firstFailure,
            };
        }

        return this with { FailuresInARow = failures, FirstFailureAt = firstFailure };
    }
}
