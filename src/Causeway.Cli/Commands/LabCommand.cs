using System.CommandLine;

namespace Causeway.Cli.Commands;

/// <summary>`causeway lab ...`: the lab world used by the demo, the integration tests and the benchmarks.</summary>
public static class LabCommand
{
    public static Command Create()
    {
        var lab = new Command("lab", "Build, check and tear down the lab world (network namespaces prefixed cw-).")
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
        return lab;
    }
}
