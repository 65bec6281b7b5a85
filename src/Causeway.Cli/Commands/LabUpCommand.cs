using System.CommandLine;
using Causeway.Lab;

namespace Causeway.Cli.Commands;

/// <summary>`causeway lab up [world]`: builds the world and starts `causeway up` on its gateway.</summary>
public static class LabUpCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var noGateway = new Option<bool>("--no-gateway") { Description = "Build the world without starting `causeway up`.", Hidden = true };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Leave a half-built world for debugging.", Hidden = true };
        var gatewayBinary = new Option<string?>("--gateway-binary") { Description = "Another causeway build to run as the gateway.", Hidden = true };
        var command = new Command("up", "Build a lab world in network namespaces and start Causeway on its gateway.");
        world.AddTo(command);
        command.Options.Add(noGateway);
        command.Options.Add(keep);
        command.Options.Add(gatewayBinary);
        command.SetAction(async (parse, ct) =>
        {
            if (!LabWorldOptions.EnsureRoot("up"))
            {
                return 1;
            }

            var (controller, lifetime) = LabWorldOptions.Compose(Console.Out);
            using var _ = lifetime;
            try
            {
                await controller.UpAsync(world.Read(parse), new LabUpOptions(!parse.GetValue(noGateway), parse.GetValue(keep), parse.GetValue(gatewayBinary)), ct);
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or TimeoutException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway lab up: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
