namespace Causeway.Engine.Seams;

/// <summary>
/// Unix signals: sent to another process (kill(2): `causeway down` stopping a running `causeway up`), and taken by this
/// one instead of their default action (SIGHUP in `causeway up`). SIGTERM and SIGINT of `up` are the Generic Host's
/// (docs/architecture.md, "Where the CLI host touches the OS itself").
/// </summary>
public interface ISignals
{
    /// <summary>Sends <paramref name="signal"/> (e.g. <see cref="UnixSignals.Terminate"/>) to the process.</summary>
    /// <returns>False if there is no such process (it has just exited).</returns>
    /// <exception cref="IOException">Any other failure (EPERM: not ours to signal), said with the pid and signal.</exception>
    bool Send(int processId, int signal);

    /// <summary>
    /// From now until the result is disposed, <paramref name="signal"/> calls <paramref name="onSignal"/> instead of its
    /// default action (which, for SIGHUP, ends the process).
    /// </summary>
    IDisposable Intercept(int signal, Action onSignal);
}
