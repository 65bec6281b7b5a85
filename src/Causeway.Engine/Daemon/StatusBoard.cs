namespace Causeway.Engine.Daemon;

/// <summary>
/// The daemon's current <see cref="StatusReport"/>, replaced whole by the components that own each part, read by
/// the status API. Records are immutable, so readers never see a half-updated report.
/// </summary>
public sealed class StatusBoard(StatusReport initial)
{
    private StatusReport _current = initial;

    public StatusReport Current => Volatile.Read(ref _current);

    /// <summary>Applies <paramref name="update"/> atomically (retries if another writer got in first).</summary>
    public void Update(Func<StatusReport, StatusReport> update)
    {
        while (true)
        {
            var before = Volatile.Read(ref _current);
            var after = update(before);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, after, before), before))
            {
                return;
            }
        }
    }
}
