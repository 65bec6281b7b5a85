using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>
/// Starts processes inside a network namespace: `ip netns exec NS program args...`. ip execs the program, and so
/// does setpriv for DieWithParent, so the pid the supervisor sees is openvpn's own.
/// </summary>
public sealed class NetnsProcessLauncher(string netns, IProcessLauncher inner) : IProcessLauncher
{
    public IRunningProcess Start(ProcessSpec spec) =>
        inner.Start(spec with { Program = "ip", Arguments = ["netns", "exec", netns, spec.Program, .. spec.Arguments] });
}
