using Causeway.Engine.Seams;

namespace Causeway.Engine.Daemon;

/// <summary>
/// When the daemon gives the memory it no longer uses back to the kernel (<see cref="IProcessMemory"/>). Why:
/// startup (the config, the PKI, Kestrel, the first rounds) leaves GC regions committed that an idle daemon,
/// allocating little, never makes the GC give back, and pages of the binary resident that only startup ran; in the
/// footprint bench the two were almost half of the idle daemon's resident memory (bench/footprint/README.md). A
/// compaction pauses the process for ~10 ms, so it runs only when nothing happens: once after the first round that
/// found the host as planned with the tunnel up (or after <see cref="QuietPeriod"/> of such rounds, if the tunnel
/// never comes up); then again only after <see cref="QuietPeriod"/> of rounds that changed nothing, and never more
/// often than every <see cref="MinimumGap"/>: a busy daemon's GC does its own work. The pages of the binary and its
/// libraries go each time too: what a reconnect or a reload ran is as idle afterwards as startup's; what the loop keeps
/// running is mapped again from the file.
/// </summary>
public sealed class IdleCompaction(TimeProvider time, IProcessMemory memory)
{
    /// <summary>How long rounds must have changed nothing before a later compaction.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The least time between two compactions.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromMinutes(10);

    private DateTimeOffset? _quietSince;
    private DateTimeOffset? _lastCompacted;

    /// <summary>Whether a compaction has run (the first one is the one after startup).</summary>
    public bool HasCompacted => _lastCompacted is not null;

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
        memory.CompactHeap();
        memory.ReleaseProgramPages();

        _lastCompacted = now;
        return time.GetElapsedTime(started);
    }
}
