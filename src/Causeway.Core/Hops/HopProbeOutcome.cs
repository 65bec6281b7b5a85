namespace Causeway.Core.Hops;

/// <summary>One probe of a hop: when it was sent, and its round trip if it was answered (null: no answer in time).</summary>
public sealed record HopProbeOutcome(DateTimeOffset At, TimeSpan? RoundTrip)
{
    public static HopProbeOutcome Answer(DateTimeOffset at, TimeSpan roundTrip) => new(at, roundTrip);

    public static HopProbeOutcome Lost(DateTimeOffset at) => new(at, null);
}
