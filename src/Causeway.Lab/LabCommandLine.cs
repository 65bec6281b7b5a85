using System.CommandLine;
using Causeway.Lab.Commands;

namespace Causeway.Lab;

/// <summary>
/// The `causeway-lab` command tree: the lab worlds used by the demo, the integration tests and the benchmarks. A
/// program of its own, so that the `causeway` users install carries none of it; the lab runs `causeway` only as a
/// process. Each command lives in Commands/ and builds its own <see cref="Command"/>.
/// </summary>
public static class LabCommandLine
{
    /// <summary>
    /// As `causeway`'s (25 s instead of System.CommandLine's 2 s): `down` and `check` stop processes in order after
    /// SIGTERM or Ctrl-C, and were given this long when they were `causeway lab` commands.
    /// </summary>
    public static readonly TimeSpan ProcessTerminationTimeout = TimeSpan.FromSeconds(25);

    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("causeway-lab: build, check and tear down Causeway's lab worlds (network namespaces prefixed cw-).")
        {
            LabUpCommand.Create(),
            LabCheckCommand.Create(),
            LabStatusCommand.Create(),
            LabDownCommand.Create(),
            LabServeCommand.Create(),
            LabProbeCommand.Create(),
            LabVerifyAuthCommand.Create(),
            LabZeroTierStandInCommand.Create(),
            LabBenchCommand.Create(),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ProcessTerminationTimeout });
    }
}
