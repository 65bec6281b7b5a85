using System.Collections.Concurrent;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>
/// A service manager that listens (as systemd does for `Type=notify`) and keeps every message, in order; a watchdog
/// timeout when the test gives one.
/// </summary>
public sealed class FakeServiceManager(TimeSpan? watchdogTimeout = null) : IServiceManager
{
    public bool IsListening => true;

    public TimeSpan? WatchdogTimeout => watchdogTimeout;

    /// <summary>Every message as sent: newline-separated assignments.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>Every assignment of every message, in order (e.g. "READY=1", "STATUS=…").</summary>
    public IReadOnlyList<string> Assignments => [.. Messages.SelectMany(m => m.Split('\n'))];

    /// <summary>The assignments that start with <paramref name="name"/>= (e.g. "WATCHDOG").</summary>
    public int Count(string name) => Assignments.Count(a => a.StartsWith(name + "=", StringComparison.Ordinal));

    /// <summary>Runs as each message arrives, before <see cref="Notify"/> returns (e.g. to look at the host then).</summary>
    public Action<string>? OnNotify { get; set; }

    public bool Notify(string message, out string? error)
    {
        Messages.Enqueue(message);
        OnNotify?.Invoke(message);
        error = null;
        return true;
    }
}
