using Causeway.Engine.Composition;
using Causeway.Linux.Platform;

namespace Causeway.Cli;

/// <summary>
/// Where the `causeway` binary chooses its machine: the Linux implementations of the seams, once per command.
/// Every command and the daemon's host builds what it runs from the <see cref="CompositionRoot"/> made here.
/// </summary>
public static class CliComposition
{
    public static CompositionRoot Create() => new(LinuxMachine.Create());
}
