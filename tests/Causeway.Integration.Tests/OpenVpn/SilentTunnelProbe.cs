using System.Net;
using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>A probe that sends nothing and is never answered: the tunnel as if there were no prober.</summary>
public sealed class SilentTunnelProbe : ITunnelProbe
{
    public Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<TimeSpan?> EchoAsync(IPAddress? source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<TimeSpan?>(null);
}
