using System.CommandLine;

namespace Causeway.Lab.Commands;

/// <summary>`causeway-lab up [world]`: builds the world and starts `causeway up` on its gateway.</summary>
public static class LabUpCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var noGateway = new Option<bool>("--no-gateway") { Description = "Build the world without starting `causeway up`.", Hidden = true };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Leave a half-built world for debugging.", Hidden = true };
        var gatewayBinary = new Option<string?>("--gateway-binary") { Description = "The causeway binary to run as the gateway (default: the one next to causeway-lab, else $CAUSEWAY_BIN).", Hidden = true };
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
                var gateway = parse.GetValue(gatewayBinary) ?? LabWorldOptions.DefaultGatewayBinary();
                await controller.UpAsync(world.Read(parse), new LabUpOptions(gateway, !parse.GetValue(noGateway), parse.GetValue(keep)), ct);
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or TimeoutException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab up: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
