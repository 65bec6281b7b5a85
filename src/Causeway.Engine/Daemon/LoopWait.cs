using System.Threading.Channels;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The wait between two rounds of a loop (the daemon's reconcile loop, the access servers' session polls): until the
/// interval has passed or any of the channels it wakes on has something, whichever comes first. The channels only say
/// "look now": they are emptied on return, and the loop reads the latest state where it lives.
/// </summary>
public sealed class LoopWait(TimeProvider time, TimeSpan interval)
{
    private readonly List<Source> _sources = [];

    public TimeSpan Interval => interval;

    /// <summary>Ends the wait early when <paramref name="reader"/> has something (latest wins: all of it is read).</summary>
    public LoopWait WakeOn<T>(ChannelReader<T> reader) => WakeOn(reader, _ => true);

    /// <summary>
    /// Ends the wait early when <paramref name="reader"/> has an item <paramref name="wakes"/> says is a reason for a
    /// round; the others are read and dropped without ending it (e.g. a tunnel status whose byte counts alone moved).
    /// </summary>
    public LoopWait WakeOn<T>(ChannelReader<T> reader, Func<T, bool> wakes)
    {
        _sources.Add(new Source(
            async token =>
            {
                while (await reader.WaitToReadAsync(token))
                {
                    while (reader.TryRead(out var item))
                    {
                        if (wakes(item))
                        {
                            return true;
                        }
                    }
                }

                return false;
            },
            () =>
            {
                while (reader.TryRead(out _))
                {
                }
            }));
        return this;
    }

    /// <summary>Returns at the first reason for a round; throws <see cref="OperationCanceledException"/> when stopped.</summary>
    public async Task WaitAsync(CancellationToken stopping)
    {
        using var tick = new CancellationTokenSource(interval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(tick.Token, stopping);
        try
        {
            var pending = _sources.Select(s => s.WaitAsync(either.Token)).ToList();
            while (pending.Count > 0)
            {
                var first = await Task.WhenAny(pending);
                if (await first)
                {
                    break;
                }

                // That channel completed (its writer finished: only at shutdown); the others, or the interval, remain.
                pending.Remove(first);
            }

            if (pending.Count == 0)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
            }

            foreach (var source in _sources)
            {
                source.Drain();
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The interval passed.
        }
        finally
        {
            // The other waits are still pending: end them, so that none holds a waiter on its channel.
            await either.CancelAsync();
        }
    }

    private sealed record Source(Func<CancellationToken, Task<bool>> WaitAsync, Action Drain);
}
