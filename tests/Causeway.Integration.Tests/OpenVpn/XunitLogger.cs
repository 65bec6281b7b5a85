using Microsoft.Extensions.Logging;
using Xunit;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>Log lines into the test's output, with the time, so a failing run shows what happened when.</summary>
public sealed class XunitLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }
}
