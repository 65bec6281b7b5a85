using System.Collections.Concurrent;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>A child process that exits when the test says so (or, if told, on a signal).</summary>
public sealed class FakeRunningProcess(int id, ProcessSpec spec) : IRunningProcess
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Id { get; } = id;

    public ProcessSpec Spec { get; } = spec;

    public Task<int> Exited => _exited.Task;

    /// <summary>Signals received, in order.</summary>
    public ConcurrentQueue<int> Signals { get; } = new();

    /// <summary>Called with each signal; by default SIGKILL ends the process (128 + 9).</summary>
    public Action<FakeRunningProcess, int> OnSignal { get; set; } = (process, signal) =>
    {
        if (signal == UnixSignals.Kill)
        {
            process.Exit(128 + UnixSignals.Kill);
        }
    };

    public bool Disposed { get; private set; }

    public void Exit(int code) => _exited.TrySetResult(code);

    public void Signal(int signal)
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }

        Signals.Enqueue(signal);
        OnSignal(this, signal);
    }

    public void Dispose() => Disposed = true;
}
