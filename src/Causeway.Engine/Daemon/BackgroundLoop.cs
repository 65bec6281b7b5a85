namespace Causeway.Engine.Daemon;

/// <summary>
/// The life of a watch's loop (the hop watch, the traffic watch, the gateway's status): started once on the thread
/// pool, stopped by cancelling its token and waiting for it to return (the daemon stops). The loop itself decides
/// what a round is and how long it waits; it returns when its token is cancelled.
/// </summary>
public sealed class BackgroundLoop(Func<CancellationToken, Task> run) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    /// <summary>Started and not yet returned.</summary>
    public bool IsRunning => _run is { IsCompleted: false };

    /// <summary>Starts the loop; a second call does nothing.</summary>
    public void Start() => _run ??= Task.Run(() => run(_stop.Token));

    /// <summary>Cancels the loop and waits until it has returned (at once if it never started).</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        if (_run is { } running)
        {
            await running;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
