namespace Causeway.Engine.Seams;

/// <summary>No service manager listens (run from a terminal, or in tests that do not care): every message goes nowhere.</summary>
public sealed class NoServiceManager : IServiceManager
{
    public static readonly NoServiceManager Instance = new();

    private NoServiceManager()
    {
    }

    public bool IsListening => false;

    public TimeSpan? WatchdogTimeout => null;

    public bool Notify(string message, out string? error)
    {
        error = null;
        return true;
    }
}
