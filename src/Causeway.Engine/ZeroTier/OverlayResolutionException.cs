using Causeway.Core.ZeroTier;

namespace Causeway.Engine.ZeroTier;

/// <summary>The overlay cannot be used now; the message says what is wrong and what to do.</summary>
public sealed class OverlayResolutionException(
    OverlayResolutionErrorKind kind,
    string message,
    ZeroTierNetworkProblem? problem = null,
    Exception? innerException = null) : Exception(message, innerException)
{
    public OverlayResolutionErrorKind Kind { get; } = kind;

    /// <summary>The network's problem for <see cref="OverlayResolutionErrorKind.NetworkUnusable"/> and <see cref="OverlayResolutionErrorKind.ConfigurationTimeout"/>.</summary>
    public ZeroTierNetworkProblem? Problem { get; } = problem;

    /// <summary>
    /// A state ZeroTier passes through while it (re)starts or configures the network, from
    /// <see cref="OverlayResolver.LookAsync"/>: it may be gone at the next look.
    /// </summary>
    public bool IsTransient { get; init; }

    /// <summary>The API failure for <see cref="OverlayResolutionErrorKind.ZeroTierApiError"/>.</summary>
    public ZeroTierApiErrorKind? ApiError => (InnerException as ZeroTierApiException)?.Kind;
}
