using Causeway.Engine.Seams;
using Causeway.Linux.Platform;

namespace Causeway.Cli;

/// <summary>The composition root's view of the machine: the Linux implementations of the seams.</summary>
public sealed class CliServices : IDisposable
{
    private readonly LinuxProcessLauncher _launcher = new();

    public IFileSystem Files { get; } = new LinuxFileSystem();

    public ICommandRunner Commands { get; } = new ProcessCommandRunner();

    public IProcessLauncher Processes => _launcher;

    public IUnixSocketConnector Sockets { get; } = new UnixSocketConnector();

    public IHostIdentity Identity { get; } = new LinuxHostIdentity();

    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>
    /// Finds (and checks) the programs a command will run, before it changes anything: from fixed directories,
    /// root's alone (<see cref="SystemPrograms"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">One is missing, or someone other than root could change it.</exception>
    public static void RequirePrograms(params string[] names)
    {
        foreach (var name in names)
        {
            SystemPrograms.Default.Resolve(name);
        }
    }

    public void Dispose() => _launcher.Dispose();
}
