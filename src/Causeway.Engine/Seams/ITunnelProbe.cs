using System.Net;

namespace Causeway.Engine.Seams;

/// <summary>
/// Sends one ICMP echo through the tunnel and says whether it was answered. OpenVPN's own pings are one-way, so
/// a short client ping-restart against a provider that pings rarely restarts an idle tunnel; an echo to the
/// provider's tunnel address makes it answer, which keeps the client's receive timer fresh.
/// </summary>
public interface ITunnelProbe
{
    /// <summary>True if an echo reply came back from <paramref name="target"/> within <paramref name="timeout"/>.</summary>
    Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken);
}
