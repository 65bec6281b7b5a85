namespace Causeway.Core.Traffic;

/// <summary>
/// What a kernel or OpenVPN byte counter grew by between two readings. Such counters start again from zero when
/// what they count is made anew (a tun device recreated at a reconnect, a client's new session): a reading below the
/// one before is such a restart, and everything it holds is new.
/// </summary>
public static class CounterDelta
{
    public static long Since(long previous, long current) => current >= previous ? current - previous : current;

    public static ByteCount Since(ByteCount previous, ByteCount current) =>
        new(Since(previous.Sent, current.Sent), Since(previous.Received, current.Received));

    /// <summary>Bytes per second between two readings, to 0.1; null across a restart or without time between them.</summary>
    public static double? PerSecond(long previous, long current, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero || current < previous ? null : Math.Round((current - previous) / elapsed.TotalSeconds, 1);
}
