using System.Net;
using Microsoft.AspNetCore.Builder;

namespace Causeway.Lab.ZeroTier;

/// <summary>A running stand-in (from <see cref="ZeroTierStandInHost.StartAsync"/>); dispose to stop it.</summary>
public sealed class ZeroTierStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ZeroTierStandInWorld _world;

    internal ZeroTierStandIn(WebApplication app, ZeroTierStandInWorld world, IPAddress listenAddress, int port, string authToken, string homeDirectory)
    {
        _app = app;
        _world = world;
        ListenAddress = listenAddress;
        Port = port;
        AuthToken = authToken;
        HomeDirectory = homeDirectory;
    }

    public IPAddress ListenAddress { get; }

    /// <summary>The bound port (the real one when the options asked for port 0).</summary>
    public int Port { get; }

    /// <summary>The token in authtoken.secret.</summary>
    public string AuthToken { get; }

    public string HomeDirectory { get; }

    /// <summary>This node's ZeroTier address.</summary>
    public string NodeAddress => _world.NodeAddress;

    /// <summary>http://127.0.0.1:port/ (the loopback address of the listen address' family when it listens on any).</summary>
    public Uri BaseAddress
    {
        get
        {
            var host = ListenAddress.Equals(IPAddress.Any) ? IPAddress.Loopback
                : ListenAddress.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
                : ListenAddress;
            return new Uri($"http://{new IPEndPoint(host, Port)}/");
        }
    }

    /// <summary>Forces this node's view of a joined network to a status (e.g. PORT_ERROR); null = back to normal.</summary>
    public void ForceNetworkStatus(string networkId, string? status) => _world.ForceStatus(networkId.ToLowerInvariant(), status);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
