using Causeway.Core.Model;

namespace Causeway.Engine.ZeroTier;

/// <summary>
/// Where the daemon learns the overlay (<see cref="OverlayResolver"/>: zerotier-one's local API, or an interface and
/// its configured subnets). Failures are <see cref="OverlayResolutionException"/>s. The daemon loop's unit tests
/// drive a fake of it.
/// </summary>
public interface IOverlaySource
{
    /// <summary>The overlay now, waiting (up to overlay.zerotier_wait_seconds) through ZeroTier's transient states.</summary>
    Task<OverlayResolution> ResolveAsync(OverlaySettings settings, CancellationToken cancellationToken = default);

    /// <summary>One look, no waiting: a transient state is an <see cref="OverlayResolutionException"/> with IsTransient set.</summary>
    Task<OverlayResolution> LookAsync(OverlaySettings settings, CancellationToken cancellationToken = default);
}
