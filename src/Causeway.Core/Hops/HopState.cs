namespace Causeway.Core.Hops;

/// <summary>What the probes of one hop say.</summary>
public enum HopState
{
    /// <summary>No probe has been answered yet, and not enough have failed in a row to call it down.</summary>
    Unknown,

    /// <summary>The last probe was answered, or too few have failed since to call it down.</summary>
    Up,

    /// <summary><see cref="HopHealthPolicy.FailuresToDown"/> probes or more in a row went unanswered.</summary>
    Down,
}
