using System.Collections.Concurrent;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>
/// Signals without a kernel: what is sent is recorded (and <see cref="OnSend"/> plays the receiving process); what is
/// intercepted is called by <see cref="Raise"/>, as the runtime would call it when the signal arrives.
/// </summary>
public sealed class FakeSignals : ISignals
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Registration, byte>> _handlers = new();

    /// <summary>Every signal sent, in order.</summary>
    public ConcurrentQueue<(int ProcessId, int Signal)> Sent { get; } = new();

    /// <summary>Plays the process that gets a signal; returns whether it existed (default: it did).</summary>
    public Func<int, int, bool> OnSend { get; set; } = (_, _) => true;

    public bool Send(int processId, int signal)
    {
        Sent.Enqueue((processId, signal));
        return OnSend(processId, signal);
    }

    public IDisposable Intercept(int signal, Action onSignal)
    {
        var registration = new Registration(this, signal, onSignal);
        _handlers.GetOrAdd(signal, _ => new())[registration] = 0;
        return registration;
    }

    /// <summary>The signal arrives at this process: every interceptor runs; false if none did (the default action would have).</summary>
    public bool Raise(int signal)
    {
        var handlers = _handlers.TryGetValue(signal, out var registered) ? registered.Keys.ToList() : [];
        foreach (var handler in handlers)
        {
            handler.OnSignal();
        }

        return handlers.Count > 0;
    }

    private sealed class Registration(FakeSignals owner, int signal, Action onSignal) : IDisposable
    {
        public Action OnSignal => onSignal;

        public void Dispose()
        {
            if (owner._handlers.TryGetValue(signal, out var registered))
            {
                registered.TryRemove(this, out _);
            }
        }
    }
}
