using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>This Linux host: the seams' real implementations, the only place they are chosen.</summary>
public static class LinuxMachine
{
    public static Machine Create()
    {
        var launcher = new LinuxProcessLauncher();
        var serviceManager = SystemdNotifySocket.FromEnvironment(Environment.ProcessId);
        return new Machine(
            new LinuxFileSystem(),
            new ProcessCommandRunner(),
            launcher,
            new UnixSocketConnector(),
            new LinuxHostIdentity(),
            new LinuxSignals(),
            SystemPrograms.Default,
            () => new IcmpTunnelProbe(),
            TimeProvider.System,
            launcher)
        {
            ServiceManager = serviceManager,
            Memory = new LinuxProcessMemory(),
        };
    }
}
