namespace Causeway.Engine.Seams;

/// <summary>
/// The machine as Causeway sees it: one instance of every seam. Made once per process by the composition root
/// (`Linux.Platform.LinuxMachine` in the `causeway` binary; fakes in tests) and handed to
/// <c>Composition.CompositionRoot</c>, which builds every part from it: nothing else picks an implementation.
/// </summary>
/// <param name="NewTunnelProbe">A prober per supervisor (each has an ICMP identifier of its own).</param>
/// <param name="Owned">Disposed with the machine (the process launcher's spawner thread); null when nothing is.</param>
public sealed record Machine(
    IFileSystem Files,
    ICommandRunner Commands,
    IProcessLauncher Processes,
    IUnixSocketConnector Sockets,
    IHostIdentity Identity,
    ISignals Signals,
    IPrograms Programs,
    Func<ITunnelProbe> NewTunnelProbe,
    TimeProvider Time,
    IDisposable? Owned = null) : IDisposable
{
    /// <summary>The service manager that started this process (systemd's notify socket), or nobody.</summary>
    public IServiceManager ServiceManager { get; init; } = NoServiceManager.Instance;

    /// <summary>This process's memory, given back by the daemon once it has settled; by default nothing is.</summary>
    public IProcessMemory Memory { get; init; } = NoProcessMemory.Instance;

    public void Dispose() => Owned?.Dispose();
}
