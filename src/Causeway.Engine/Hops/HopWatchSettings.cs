using System.Net;
using Causeway.Core.Model;

namespace Causeway.Engine.Hops;

/// <summary>What the hop watch needs of the config: which egress (so which hops), and how to probe the internet.</summary>
/// <param name="OverlayGateway">The overlay gateway that is the egress (Dinosaur's VM); null for a provider tunnel.</param>
/// <param name="TunnelDevice">The provider tunnel's device, named in the tunnel hop.</param>
/// <param name="InternetProbe">Where the end-to-end probe goes ([egress] internet_probe); null: no internet hop.</param>
/// <param name="ProbeInterval">One echo per interval (the egress ping interval).</param>
/// <param name="ZeroTier">The overlay is a ZeroTier network (its path to the gateway can be told).</param>
public sealed record HopWatchSettings(
    IPAddress? OverlayGateway,
    string TunnelDevice,
    IPAddress? InternetProbe,
    TimeSpan ProbeInterval,
    bool ZeroTier)
{
    public static HopWatchSettings From(CausewaySettings settings) => new(
        settings.Egress.OverlayGateway,
        settings.Egress.DeviceName,
        settings.Egress.InternetProbe,
        TimeSpan.FromSeconds(Math.Max(1, settings.Egress.Tuning.PingSeconds)),
        settings.Overlay.Source is ZeroTierOverlaySource);
}
