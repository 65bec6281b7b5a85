using System.Globalization;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Daemon;

/// <summary>
/// What `causeway up` tells a service manager (systemd, `Type=notify`): READY=1 once the kill switch is in place (not
/// when the host has merely started), WATCHDOG=1 only as the reconcile loop completes its rounds (never from a timer
/// of its own: a loop that hangs stops the pings, and systemd restarts the service), a STATUS= line a person reads in
/// `systemctl status`, RELOADING=1 then READY=1 around a reload, and STOPPING=1. Nothing is sent when no service
/// manager listens. Thread-safe: the stop arrives on the host's thread.
/// </summary>
public sealed class ServiceNotifications(IServiceManager manager, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private long? _lastWatchdog;
    private string? _lastStatus;
    private bool _failed;
    private bool _stopping;

    /// <summary>
    /// How often the loop's progress is passed on as WATCHDOG=1 at most: half the service manager's timeout, as
    /// sd_watchdog_enabled(3) advises (null: no watchdog).
    /// </summary>
    public TimeSpan? WatchdogPeriod => manager.WatchdogTimeout / 2;

    /// <summary>The first convergence: the kill switch is in place. The service manager starts what is ordered after it.</summary>
    public void Ready(string status) => Send($"READY=1\nSTATUS={status}", status);

    /// <summary>
    /// A round of the reconcile loop is done: WATCHDOG=1 if half the watchdog timeout has passed since the last one,
    /// and the status line if it changed.
    /// </summary>
    public void Progress(string status)
    {
        lock (_gate)
        {
            var lines = new List<string>(2);
            var now = time.GetTimestamp();
            if (WatchdogPeriod is { } period && (_lastWatchdog is not { } last || time.GetElapsedTime(last, now) >= period))
            {
                _lastWatchdog = now;
                lines.Add("WATCHDOG=1");
            }

            if (!string.Equals(status, _lastStatus, StringComparison.Ordinal))
            {
                lines.Add($"STATUS={status}");
            }

            if (lines.Count > 0)
            {
                SendLocked(string.Join('\n', lines), status);
            }
        }
    }

    /// <summary>
    /// A reload starts. MONOTONIC_USEC is what `Type=notify-reload` (systemd 253 and later) matches with its own
    /// request; older systemd ignores it.
    /// </summary>
    public void Reloading()
    {
        var microseconds = (long)((Int128)time.GetTimestamp() * 1_000_000 / time.TimestampFrequency);
        const string status = "reloading the config";
        Send($"RELOADING=1\nMONOTONIC_USEC={microseconds.ToString(CultureInfo.InvariantCulture)}\nSTATUS={status}", status);
    }

    /// <summary>A reload is over, applied or refused: ready again.</summary>
    public void Reloaded(string status) => Send($"READY=1\nSTATUS={status}", status);

    /// <summary>The daemon stops (SIGTERM, Ctrl-C, a failure): from now on, nothing but this is said.</summary>
    public void Stopping(string status)
    {
        lock (_gate)
        {
            SendLocked($"STOPPING=1\nSTATUS={status}", status);
            _stopping = true;
        }
    }

    private void Send(string message, string status)
    {
        lock (_gate)
        {
            SendLocked(message, status);
        }
    }

    /// <summary>Holding <see cref="_gate"/>.</summary>
    private void SendLocked(string message, string status)
    {
        if (!manager.IsListening || _stopping)
        {
            return;
        }

        _lastStatus = status;
        if (manager.Notify(message, out var error) || _failed)
        {
            return;
        }

        // Once: a broken socket fails every time, and the service manager's own timeout says the rest.
        _failed = true;
        logger.LogWarning("{Error}", error);
    }
}
