using System.Net;
using System.Net.Sockets;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Forwards TCP from 127.0.0.1 (an ephemeral port, in the test's own namespace) to an address inside a network
/// namespace, e.g. the daemon's TCP listener on the gateway's loopback: a browser running here reaches it exactly as
/// a person on that host would, through that listener, without running in the namespace itself.
/// </summary>
public sealed class NetnsTcpForward : IAsyncDisposable
{
    private readonly NetnsSocketFactory _sockets;
    private readonly IPEndPoint _target;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;

    public NetnsTcpForward(string netns, IPEndPoint target)
    {
        _sockets = new NetnsSocketFactory(netns);
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>http://127.0.0.1:PORT/ in the test's namespace.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays, _accepting];
        }

        await Task.WhenAll(relays.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _sockets.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_relays)
            {
                _relays.RemoveAll(t => t.IsCompleted);
                _relays.Add(RelayAsync(client));
            }
        }
    }

    /// <summary>Copies both ways until either side closes, then closes both.</summary>
    private async Task RelayAsync(Socket client)
    {
        using (client)
        using (var target = await _sockets.CreateTcpAsync())
        {
            try
            {
                await target.ConnectAsync(_target, _stop.Token);
                await using var fromClient = new NetworkStream(client, ownsSocket: false);
                await using var toTarget = new NetworkStream(target, ownsSocket: false);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = fromClient.CopyToAsync(toTarget, done.Token);
                var down = toTarget.CopyToAsync(fromClient, done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
                await Task.WhenAll(up, down).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The browser or the daemon closed the connection, or the forward is stopping: nothing to relay.
            }
        }
    }
}
