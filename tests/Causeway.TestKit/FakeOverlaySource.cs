using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Model;
using Causeway.Engine.ZeroTier;

namespace Causeway.TestKit;

/// <summary>
/// An <see cref="IOverlaySource"/> that answers at once with what the test set (<see cref="Overlay"/>): no
/// zerotier-one, no `ip`.
/// </summary>
public sealed class FakeOverlaySource(OverlayFacts overlay) : IOverlaySource
{
    private int _looks;

    /// <summary>What every resolve and look answers (a ZeroTier network's facts without its summary).</summary>
    public OverlayFacts Overlay { get; set; } = overlay;

    /// <summary>How many looks the running daemon made.</summary>
    public int Looks => Volatile.Read(ref _looks);

    public static OverlayFacts Facts(string interfaceName, string localAddress, params string[] subnets) =>
        new(interfaceName, [.. subnets.Select(IPNetwork.Parse)], ImmutableArray.Create(IPAddress.Parse(localAddress)));

    public Task<OverlayResolution> ResolveAsync(OverlaySettings settings, CancellationToken cancellationToken = default) =>
        Task.FromResult(new OverlayResolution(Overlay, null));

    public Task<OverlayResolution> LookAsync(OverlaySettings settings, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _looks);
        return Task.FromResult(new OverlayResolution(Overlay, null));
    }
}
