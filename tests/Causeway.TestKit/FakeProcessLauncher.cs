using System.Collections.Concurrent;
using System.Threading.Channels;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>Records what would be started and hands out <see cref="FakeRunningProcess"/>es (pids from 1000 up).</summary>
public sealed class FakeProcessLauncher : IProcessLauncher
{
    private readonly Channel<FakeRunningProcess> _started = Channel.CreateUnbounded<FakeRunningProcess>();
    private int _nextId = 1000;

    /// <summary>Every process started, in order.</summary>
    public ConcurrentQueue<FakeRunningProcess> Started { get; } = new();

    /// <summary>Called before a process is handed out: throw to make the start fail, or script the process.</summary>
    public Action<FakeRunningProcess>? OnStart { get; set; }

    public IRunningProcess Start(ProcessSpec spec)
    {
        var process = new FakeRunningProcess(Interlocked.Increment(ref _nextId), spec);
        OnStart?.Invoke(process);
        Started.Enqueue(process);
        _started.Writer.TryWrite(process);
        return process;
    }

    /// <summary>Waits (on the real clock, bounded) for the next process started.</summary>
    public async Task<FakeRunningProcess> NextStartedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _started.Reader.ReadAsync(timeout.Token);
    }
}
