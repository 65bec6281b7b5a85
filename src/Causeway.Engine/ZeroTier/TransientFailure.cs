using Causeway.Core.ZeroTier;

namespace Causeway.Engine.ZeroTier;

/// <summary>A state of ZeroTier that may pass by itself (see <see cref="OverlayResolver"/>), and how to say it.</summary>
/// <param name="Waiting">The log line while waiting: what is waited for.</param>
/// <param name="Condition">What is wrong now, for one look that waits for nothing.</param>
/// <param name="Final">The error once the wait is over, with what to do, given how long was waited.</param>
internal sealed record TransientFailure(
    OverlayResolutionErrorKind Kind,
    string Waiting,
    string Condition,
    Func<TimeSpan, string> Final,
    ZeroTierApiException? Api = null,
    ZeroTierNetworkProblem? Problem = null)
{
    public OverlayResolutionException Now() => new(Kind, Condition, Problem, Api) { IsTransient = true };

    public OverlayResolutionException After(TimeSpan waited) => new(Kind, Final(waited), Problem, Api);
}
