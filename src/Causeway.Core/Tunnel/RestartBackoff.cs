namespace Causeway.Core.Tunnel;

/// <summary>
/// How long the supervisor waits before starting openvpn again: 1 s after the first exit, doubling after each exit in
/// a row up to 30 s, back to 1 s once a connection has lasted <see cref="StableConnection"/>. Without a wait a config
/// that fails at once would start openvpn in a tight loop; without the cap a provider that was down for an hour would
/// be retried only hourly; without the reset a tunnel that ran for days would come back slowly from its next drop.
/// </summary>
/// <remarks>Arithmetic only: the supervisor owns the clock and the waiting.</remarks>
public sealed class RestartBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    /// <summary>A connection that lasted this long resets the backoff: the next exit is a new problem.</summary>
    public static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(30);

    private TimeSpan _next = Initial;

    /// <summary>
    /// The wait after an exit. <paramref name="stable"/>: the process that exited had a stable connection (see
    /// <see cref="IsStable"/>), so this exit waits <see cref="Initial"/> again.
    /// </summary>
    public TimeSpan NextDelay(bool stable)
    {
        if (stable)
        {
            _next = Initial;
        }

        var delay = _next;
        _next = _next * 2 > Max ? Max : _next * 2;
        return delay;
    }

    /// <summary>Whether a connection that began at <paramref name="connectedSince"/> and ends <paramref name="now"/> was stable.</summary>
    public static bool IsStable(DateTimeOffset connectedSince, DateTimeOffset now) => now - connectedSince >= StableConnection;
}
