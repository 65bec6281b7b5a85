using System.Net;

namespace Causeway.Engine.Seams;

/// <summary>
/// Sends one ICMP echo and says whether, and how fast, it was answered. Two uses: through the tunnel to the provider's
/// tunnel address (OpenVPN's own pings are one-way, so a short client ping-restart against a provider that pings
/// rarely restarts an idle tunnel; an echo makes it answer, which keeps the client's receive timer fresh), and end to
/// end along the clients' path (the internet hop of status), sent from a client-path source address.
/// </summary>
public interface ITunnelProbe
{
    /// <summary>True if an echo reply came back from <paramref name="target"/> within <paramref name="timeout"/>.</summary>
    Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// One echo sent from <paramref name="source"/> (this host's own address, or null for the kernel's choice), so
    /// that policy rules that select by source route it: from the host's overlay address it takes the clients' route
    /// (into the tunnel, via the gateway, or unreachable), never the host's uplink. The round trip if a reply came
    /// back from <paramref name="target"/> within <paramref name="timeout"/>, else null (also when there is no route).
    /// </summary>
    /// <exception cref="IOException">The echo could not be sent at all (no permission, the source is not this host's).</exception>
    Task<TimeSpan?> EchoAsync(IPAddress? source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken);
}
