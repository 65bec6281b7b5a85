using System.Diagnostics;
using System.Threading.Channels;
using Causeway.Core.Tunnel;
using Causeway.Engine.OpenVpn;
using Xunit;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>Reads a supervisor's updates as they come, keeps them with their time, and lets a test wait on them.</summary>
public sealed class StatusRecorder
{
    private readonly OpenVpnSupervisor _supervisor;
    private readonly Channel<TunnelStatus> _pending = Channel.CreateUnbounded<TunnelStatus>();
    private readonly List<(TimeSpan At, TunnelStatus Status)> _history = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public StatusRecorder(OpenVpnSupervisor supervisor)
    {
        _supervisor = supervisor;
        _ = Task.Run(RecordAsync);
    }

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<(TimeSpan At, TunnelStatus Status)> Since(TimeSpan start)
    {
        lock (_history)
        {
            return [.. _history.Where(h => h.At >= start)];
        }
    }

    /// <summary>Waits until the status satisfies <paramref name="predicate"/>; returns it and when it was seen.</summary>
    public async Task<(TimeSpan At, TunnelStatus Status)> WaitForAsync(Func<TunnelStatus, bool> predicate, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);

        // Older statuses are history: only the current one and what comes next count.
        while (_pending.Reader.TryRead(out _))
        {
        }

        if (predicate(_supervisor.Current))
        {
            return (Now, _supervisor.Current);
        }

        try
        {
            while (true)
            {
                var status = await _pending.Reader.ReadAsync(cancel.Token);
                if (predicate(status))
                {
                    return (Now, status);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no {what} within {timeout.TotalSeconds} s; status: {_supervisor.Current}");
            throw;
        }
    }

    private async Task RecordAsync()
    {
        await foreach (var status in _supervisor.Updates.ReadAllAsync())
        {
            lock (_history)
            {
                _history.Add((Now, status));
            }

            _pending.Writer.TryWrite(status);
        }
    }
}
