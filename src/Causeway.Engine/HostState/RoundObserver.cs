using Causeway.Core.Planning;

namespace Causeway.Engine.HostState;

/// <summary>
/// How the reconcile loop reads the host. While the kernel's change events are heard (<see cref="HostChangeWatch"/>)
/// and have said nothing since the last full reading, what `ip` reported then still holds: a round reads only
/// Causeway's nft table (whose drop counters move without an event) and the sysctls, and five fewer processes run
/// every interval. A full reading at least every <see cref="FullReadingAge"/> all the same, in case the kernel
/// dropped an event; at once after any event, monitor restart, apply, or change of what Causeway owns.
/// </summary>
public sealed class RoundObserver(HostObserver observer, HostChangeWatch? changes, TimeProvider time)
{
    /// <summary>The longest a reading of `ip` is trusted on the monitors' silence alone.</summary>
    public static readonly TimeSpan FullReadingAge = TimeSpan.FromSeconds(60);

    private Reading? _last;

    /// <summary>The host as it is now; <paramref name="full"/>: read all of it (after an apply: the events it caused may not have arrived yet).</summary>
    public async Task<ObservedHost> ObserveAsync(OwnedNames owned, bool full, CancellationToken cancellationToken)
    {
        if (!full && _last is { } last && last.Owned == owned && changes is { } watch && watch.QuietSince(last.Mark)
            && time.GetElapsedTime(last.At) < FullReadingAge)
        {
            var again = await observer.ObserveAgainAsync(owned, last.Host, cancellationToken);
            _last = last with { Host = again };
            return again;
        }

        // The mark before the reading: an event during it makes the next round read everything again.
        var mark = changes?.Mark();
        var at = time.GetTimestamp();
        var host = await observer.ObserveAsync(owned, cancellationToken);
        _last = mark is null ? null : new Reading(owned, mark, at, host);
        return host;
    }

    private sealed record Reading(OwnedNames Owned, HostChangeMark Mark, long At, ObservedHost Host);
}
