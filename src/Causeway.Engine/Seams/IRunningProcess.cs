namespace Causeway.Engine.Seams;

/// <summary>A child process started by <see cref="IProcessLauncher"/>.</summary>
public interface IRunningProcess : IDisposable
{
    int Id { get; }

    /// <summary>Completes with the exit code (128 + n when killed by signal n).</summary>
    Task<int> Exited { get; }

    /// <summary>Sends a signal (e.g. <see cref="UnixSignals.Terminate"/>). No-op if it has already exited.</summary>
    void Signal(int signal);
}
