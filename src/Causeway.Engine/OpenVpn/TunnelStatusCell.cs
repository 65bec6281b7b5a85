using System.Threading.Channels;
using Causeway.Core.Tunnel;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// The status a tunnel supervisor publishes (<see cref="ITunnelSupervisor.Current"/> and
/// <see cref="ITunnelSupervisor.Updates"/>): the latest value, read under a lock, and a channel of its changes in
/// which the latest wins, so that a slow reader skips to the newest.
/// </summary>
internal sealed class TunnelStatusCell(TunnelStatus initial)
{
    private readonly Lock _lock = new();
    private readonly Channel<TunnelStatus> _updates = Channel.CreateBounded<TunnelStatus>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });

    private TunnelStatus _status = initial;

    public TunnelStatus Current
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public ChannelReader<TunnelStatus> Updates => _updates.Reader;

    /// <summary>Applies <paramref name="change"/> atomically; publishes the result only if it differs.</summary>
    public void Update(Func<TunnelStatus, TunnelStatus> change)
    {
        lock (_lock)
        {
            var next = change(_status);
            if (next == _status)
            {
                return;
            }

            _status = next;
            _updates.Writer.TryWrite(next);
        }
    }

    /// <summary>No more changes: readers finish once they have read the last.</summary>
    public void Complete() => _updates.Writer.TryComplete();
}
