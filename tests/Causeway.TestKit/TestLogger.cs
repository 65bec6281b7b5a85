using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Causeway.TestKit;

/// <summary>
/// Keeps every log line ("Level: message") for tests about what the code says, and writes each into the test's
/// output with the time, so that a failing test shows what happened when.
/// </summary>
public sealed class TestLogger<T> : ILogger<T>
{
    /// <summary>Every line, in order, as "Level: message".</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public string Text => string.Join('\n', Lines);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{logLevel}: {formatter(state, exception)}";
        Lines.Enqueue(line);
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");
        }
        catch (InvalidOperationException)
        {
            // The test is over: the line is kept, there is no output to write it to.
        }
    }
}
