using System.Threading.Channels;
using Causeway.Core.Management;
using Causeway.Core.Tunnel;
using Causeway.Engine.OpenVpn;

namespace Causeway.TestKit;

/// <summary>
/// An <see cref="ITunnelSupervisor"/> whose status the test sets (<see cref="Publish"/>): no openvpn, no management
/// socket. <see cref="OnStart"/> runs at the moment the daemon starts it (e.g. to look at the host then). Its
/// management session is never ready (every command is an <see cref="IOException"/>, as while openvpn starts).
/// </summary>
public sealed class FakeTunnelSupervisor : ITunnelSupervisor
{
    private readonly Channel<TunnelStatus> _updates = Channel.CreateBounded<TunnelStatus>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TunnelStatus _current;
    private int _starts;
    private int _stops;

    public FakeTunnelSupervisor(TimeProvider time)
    {
        _time = time;
        _current = TunnelStatus.Stopped(time.GetUtcNow());
    }

    /// <summary>Runs inside <see cref="StartAsync"/>, before it returns.</summary>
    public Action? OnStart { get; init; }

    /// <summary>Completes when <see cref="StartAsync"/> was called.</summary>
    public Task Started => _started.Task;

    public int Starts => Volatile.Read(ref _starts);

    public int Stops => Volatile.Read(ref _stops);

    public TunnelStatus Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public ChannelReader<TunnelStatus> Updates => _updates.Reader;

    public int? LeftRunningProcessId { get; private set; }

    /// <summary>A new status, as OpenVPN's `>STATE:` lines would make it; wakes whoever reads <see cref="Updates"/>.</summary>
    public void Publish(TunnelStatus status)
    {
        lock (_gate)
        {
            _current = status;
        }

        _updates.Writer.TryWrite(status);
    }

    /// <summary>CONNECTED with the given address, on <paramref name="device"/>, as the <paramref name="generation"/>th connection.</summary>
    public void Connect(System.Net.IPAddress local, string device, long generation) => Publish(new TunnelStatus
    {
        State = TunnelState.Connected,
        StateSince = _time.GetUtcNow(),
        OpenVpnState = "CONNECTED",
        LocalAddress = local,
        VpnGateway = System.Net.IPAddress.Parse("10.8.0.1"),
        Device = device,
        ConnectionGeneration = generation,
    });

    public Task<ManagementReply> SendCommandAsync(string command, CancellationToken cancellationToken = default) =>
        Task.FromException<ManagementReply>(new IOException($"the fake supervisor has no management session (`{command}`)"));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _starts);
        OnStart?.Invoke();
        _started.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _stops) == 1)
        {
            Publish(TunnelStatus.Stopped(_time.GetUtcNow()));
            _updates.Writer.TryComplete();
        }

        return Task.CompletedTask;
    }

    public Task LeaveRunningAsync(CancellationToken cancellationToken)
    {
        LeftRunningProcessId = 4242;
        return StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
