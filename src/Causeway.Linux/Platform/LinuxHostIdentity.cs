using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

public sealed class LinuxHostIdentity : IHostIdentity
{
    public bool IsRoot => NativeMethods.GetEffectiveUserId() == 0;

    public int ProcessId => Environment.ProcessId;
}
