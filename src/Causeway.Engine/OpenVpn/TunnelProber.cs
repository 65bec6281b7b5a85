using System.Net;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// While the tunnel is connected, sends an ICMP echo to the VPN gateway every interval.
/// </summary>
/// <remarks>
/// Why: Causeway filters the provider's pushed `ping`/`ping-restart` and sets `ping 1`, `ping-restart 5`, to notice a
/// dead provider within seconds. But OpenVPN's pings are one-way: a provider pushing `keepalive 10 60` sends
/// something only every 10 s on an idle tunnel, so the client hears nothing for 5 s and restarts, again and again
/// (measured: a restart every 5 to 10 s on an idle tunnel). An echo to the server's tunnel address makes the server
/// answer through the tunnel, which resets the client's receive timer; a dead server answers nothing, so it is
/// still detected after ping-restart seconds.
/// </remarks>
public sealed class TunnelProber : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _sent;
    private int _answered;
    private int _failures;

    private TunnelProber(
        ITunnelProbe probe,
        IPAddress target,
        TimeSpan interval,
        TimeProvider timeProvider,
        ILogger logger,
        Action<bool> onResult)
    {
        Target = target;
        _run = Task.Run(() => RunAsync(probe, interval, timeProvider, logger, onResult, _stop.Token));
    }

    public IPAddress Target { get; }

    /// <summary>Echoes sent (answered or timed out) so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Echoes answered so far.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Echoes that could not be sent at all (the probe threw).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Starts probing at once, then every <paramref name="interval"/>; <paramref name="onResult"/> gets each outcome.</summary>
    public static TunnelProber Start(
        ITunnelProbe probe,
        IPAddress target,
        TimeSpan interval,
        TimeProvider timeProvider,
        ILogger logger,
        Action<bool> onResult) =>
        new(probe, target, interval, timeProvider, logger, onResult);

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _run;
        _stop.Dispose();
    }

    private async Task RunAsync(
        ITunnelProbe probe,
        TimeSpan interval,
        TimeProvider timeProvider,
        ILogger logger,
        Action<bool> onResult,
        CancellationToken cancellationToken)
    {
        // The timeout never exceeds the interval, so echoes never pile up; a late answer still counts for OpenVPN.
        var timeout = interval;
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                bool answered;
                try
                {
                    answered = await probe.EchoAsync(Target, timeout, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The probe could not send at all (no permission, no route): that says nothing about the
                    // provider, so it is not counted as an unanswered echo.
                    if (Interlocked.Increment(ref _failures) == 1)
                    {
                        logger.LogWarning("probing the VPN gateway {Target}: {Error}", Target, e.Message);
                    }

                    continue;
                }

                Interlocked.Increment(ref _sent);
                if (answered)
                {
                    Interlocked.Increment(ref _answered);
                }

                onResult(answered);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the tunnel left CONNECTED.
        }
    }
}
