using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// A running stand-in (from <see cref="ZeroTierStandInHost.StartAsync"/>); dispose to stop it. It can also go
/// through what a restart of the real zerotier-one looks like from outside, one step at a time
/// (<see cref="StopListeningAsync"/>, <see cref="EmptyPortFile"/>, <see cref="StartListeningAsync"/>) or all at
/// once (<see cref="RestartAsync"/>), so that a client can be tested in each transient state.
/// </summary>
public sealed class ZeroTierStandIn : IAsyncDisposable
{
    private readonly ZeroTierStandInWorld _world;
    private readonly Func<CancellationToken, Task<WebApplication>> _listen;
    private readonly Action<string> _writePortFile;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;

    internal ZeroTierStandIn(
        WebApplication? app,
        ZeroTierStandInWorld world,
        IPAddress listenAddress,
        int port,
        string authToken,
        string homeDirectory,
        Func<CancellationToken, Task<WebApplication>> listen,
        Action<string> writePortFile)
    {
        _app = app;
        _world = world;
        _listen = listen;
        _writePortFile = writePortFile;
        ListenAddress = listenAddress;
        Port = port;
        AuthToken = authToken;
        HomeDirectory = homeDirectory;
    }

    public IPAddress ListenAddress { get; }

    /// <summary>The bound port (the real one when the options asked for port 0); the same after a restart.</summary>
    public int Port { get; }

    /// <summary>The token in authtoken.secret.</summary>
    public string AuthToken { get; }

    public string HomeDirectory { get; }

    /// <summary>This node's ZeroTier address.</summary>
    public string NodeAddress => _world.NodeAddress;

    /// <summary>Whether the API accepts connections now (false: they are refused).</summary>
    public bool IsListening => Volatile.Read(ref _app) is not null;

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

    /// <summary>
    /// zerotier-one stops (or has not started yet): the API port is closed, connections are refused. The simulated
    /// node keeps its networks, as zerotier-one keeps them on disk.
    /// </summary>
    public async Task StopListeningAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Exchange(ref _app, null) is { } app)
            {
                await app.StopAsync(cancellationToken);
                await app.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>zerotier-one.port as zerotier-one leaves it for a moment while it rewrites it in place at start: empty.</summary>
    public void EmptyPortFile() => _writePortFile(string.Empty);

    /// <summary>
    /// zerotier-one (re)starts: the API listens again on the same port and the port file holds the port again; but,
    /// as with the real daemon, the API answers before the saved networks are rejoined: for
    /// <see cref="ZeroTierStandInTimings.RejoinDelay"/> (on the stand-in's clock) `GET /network/{nwid}` answers 404
    /// `{}` for a joined network and `GET /network` lists none; `online` is false again for a while.
    /// </summary>
    public async Task StartListeningAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _app) is not null)
            {
                throw new InvalidOperationException("the ZeroTier stand-in is listening already");
            }

            _world.Restart();
            Volatile.Write(ref _app, await _listen(cancellationToken));
            _writePortFile(Port.ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A whole restart of zerotier-one: stop, the port file empty for a moment, start (networks rejoined a moment later).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopListeningAsync(cancellationToken);
        EmptyPortFile();
        await StartListeningAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => StopListeningAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopListeningAsync();
        _gate.Dispose();
    }
}
