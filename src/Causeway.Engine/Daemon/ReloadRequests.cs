using System.Threading.Channels;

namespace Causeway.Engine.Daemon;

/// <summary>
/// "Read the config again" (SIGHUP, `systemctl reload`), from the signal handler to the reconcile loop: a pending
/// flag (many requests before the loop gets to it are one reload) and a wake-up for the loop's wait.
/// </summary>
public sealed class ReloadRequests
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private int _pending;

    /// <summary>Has something when a reload was asked for (latest wins; the loop reads <see cref="Take"/>).</summary>
    public ChannelReader<bool> Wake => _wake.Reader;

    public void Request()
    {
        Interlocked.Exchange(ref _pending, 1);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>True once per request (or per burst of them): the caller reloads.</summary>
    public bool Take() => Interlocked.Exchange(ref _pending, 0) == 1;
}
