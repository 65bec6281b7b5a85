namespace Causeway.Engine.Seams;

/// <summary>
/// The service manager that started this process, if any (systemd's notify protocol: `sd_notify`). What the daemon
/// tells it (READY=1, WATCHDOG=1, STATUS=…, RELOADING=1, STOPPING=1) is <c>Daemon.ServiceNotifications</c>'s business;
/// this is only the channel.
/// </summary>
public interface IServiceManager
{
    /// <summary>False when nobody listens (no $NOTIFY_SOCKET): <see cref="Notify"/> then does nothing.</summary>
    bool IsListening { get; }

    /// <summary>
    /// How often the service manager wants WATCHDOG=1 at the latest ($WATCHDOG_USEC, when $WATCHDOG_PID is unset or this
    /// process); null when it watches nothing.
    /// </summary>
    TimeSpan? WatchdogTimeout { get; }

    /// <summary>Sends one message: newline-separated assignments, e.g. "READY=1\nSTATUS=…".</summary>
    /// <returns>False if it could not be sent (the reason is for the caller to log); true when sent or when nobody listens.</returns>
    bool Notify(string message, out string? error);
}
