namespace Causeway.Engine.Daemon;

/// <summary>
/// When the daemon gives the memory it no longer uses back to the kernel: one full, compacting collection that
/// decommits the GC's free regions (<see cref="CompactNow"/>). Why: startup (the config, the PKI, Kestrel, the first
/// rounds) leaves regions committed that an idle daemon, allocating little, never makes the GC give back: in the
/// footprint bench that is several MB of the idle daemon's resident memory (bench/footprint/README.md). Each call
/// pauses the process for a few milliseconds, so it runs only when nothing happens: once after the first round that
/// found the host as planned with the tunnel up (or after <see cref="QuietPeriod"/> of such rounds, if the tunnel
/// never comes up), then again only after <see cref="QuietPeriod"/> of rounds that changed nothing, and never more
/// often than every <see cref="MinimumGap"/>. A busy daemon's GC does its own work.
/// </summary>
public sealed class IdleCompaction(TimeProvider time, Action compact)
{
    /// <summary>How long rounds must have changed nothing before a later compaction.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The least time between two compactions.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromMinutes(10);

    private DateTimeOffset? _quietSince;
    private DateTimeOffset? _lastCompacted;

    /// <summary>The daemon's: a blocking, compacting, aggressive collection of every generation.</summary>
    public IdleCompaction(TimeProvider time)
        : this(time, CompactNow)
    {
    }

    /// <summary>Whether a compaction has run (the first one is the one after startup).</summary>
    public bool HasCompacted => _lastCompacted is not null;

    public static void CompactNow() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>
    /// After each round of the loop: compacts if it is time. <paramref name="quiet"/>: the round found the host as
    /// planned (nothing applied, no error). Returns how long the compaction took, or null if none ran.
    /// </summary>
    public TimeSpan? AfterRound(bool quiet, bool tunnelConnected)
    {
        var now = time.GetUtcNow();
        if (!quiet)
        {
            _quietSince = null;
            return null;
        }

        _quietSince ??= now;
        var quietFor = now - _quietSince.Value;
        var due = _lastCompacted is { } last
            ? quietFor >= QuietPeriod && now - last >= MinimumGap
            : tunnelConnected || quietFor >= QuietPeriod;
        if (!due)
        {
            return null;
        }

        var started = time.GetTimestamp();
        compact();
        _lastCompacted = now;
        return time.GetElapsedTime(started);
    }
}
