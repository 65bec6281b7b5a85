namespace Causeway.Engine.ZeroTier;

/// <summary>A failed call to zerotier-one's local API; the message says what was done and what to do next.</summary>
public sealed class ZeroTierApiException(ZeroTierApiErrorKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ZeroTierApiErrorKind Kind { get; } = kind;

    /// <summary>Where the API was asked ("127.0.0.1:9993"), when it got that far.</summary>
    public string? Endpoint { get; init; }

    /// <summary>
    /// Whether zerotier-one is known to pass through this while it (re)starts: not listening yet (refused), the
    /// connection dropped or unanswered, or its port file empty while it is rewritten. Worth waiting for.
    /// </summary>
    public bool IsTransient => Kind is ZeroTierApiErrorKind.DaemonNotRunning or ZeroTierApiErrorKind.ConnectionFailed
        or ZeroTierApiErrorKind.Timeout or ZeroTierApiErrorKind.PortFileEmpty;
}
