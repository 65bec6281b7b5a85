using System.CommandLine;
using System.Globalization;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.Boot;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway boot`: what causeway-boot.service runs at early boot, before the network, zerotier-one and `causeway up`:
/// the kill switch `up` last converged with, both layers, put back from the state directory, with no config, network,
/// ZeroTier or OpenVPN needed (<see cref="BootStep"/>). It reads no config on purpose: a config edited since, or broken,
/// must not leave the host open at boot. Documented, not hidden: a person may run it to see what the next boot does.
/// </summary>
public static class BootCommand
{
    public static Command Create()
    {
        var stateDirectory = new Option<string>("--state-dir")
        {
            Description = "The instance's state_dir, where `causeway up` saves its kill switch (boot/kill-switch.json)",
            DefaultValueFactory = _ => InstanceSettings.DefaultStateDirectory,
        };
        var command = new Command(
            "boot",
            "At early boot, before the network: put back the kill switch `causeway up` last converged with (both layers), so nothing is forwarded in clear until `up` takes over; does nothing when none is saved")
        {
            stateDirectory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            if (!root.Machine.Identity.IsRoot)
            {
                Console.Error.WriteLine("causeway boot: must run as root (it changes nftables and policy routing); nothing was changed");
                return ExitCodes.Failed;
            }

            try
            {
                root.RequirePrograms("nft", "ip");
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"causeway boot: {e.Message}; nothing was changed");
                return ExitCodes.Failed;
            }

            var started = root.Time.GetTimestamp();
            try
            {
                var result = await root.BootStep(Path.GetFullPath(parse.GetValue(stateDirectory)!)).RunAsync(cancellationToken);
                Console.Out.WriteLine(Describe(result, root.Time.GetElapsedTime(started)));
                return ExitCodes.Ok;
            }
            catch (BootKillSwitchRefusedException e)
            {
                Console.Error.WriteLine($"causeway boot: refusing the saved kill switch: {e.Message}");
                Console.Error.WriteLine(BootKillSwitchRefusedException.Fix);
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is HostApplyException or CommandFailedException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"causeway boot: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static string Describe(BootStepResult result, TimeSpan took)
    {
        if (result.Plan is not { } plan)
        {
            return $"causeway boot: no kill switch saved at {result.Path} (`causeway up` saves one once it has converged): nothing to do";
        }

        int Count(HostObjectKind kind) => plan.Changes.Count(c => c.Subject == kind);
        var present = result.AlreadyPresent > 0 ? $" ({result.AlreadyPresent} already there)" : string.Empty;
        var ms = took.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        return $"causeway boot: the kill switch `causeway up` saved ({result.Path}) is in place in {ms} ms: "
            + $"nft table {OwnedNames.NftFamily} {plan.Owned.NftTable}, {Count(HostObjectKind.Route)} routes in table {plan.Owned.RouteTable}, "
            + $"{Count(HostObjectKind.Rule)} rules{present}; forwarding left as it is; `causeway up` takes over from here";
    }
}
