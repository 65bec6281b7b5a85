using System.CommandLine;
using Causeway.Lab.ZeroTier;

namespace Causeway.Lab.Commands;

/// <summary>
/// `causeway-lab zerotier-standin --home DIR [--listen 127.0.0.1:9993] [--scenario FILE]` (hidden): zerotier-one's
/// local API as the lab's gateway sees it (Causeway.Lab.ZeroTier). `lab up` runs it inside the gateway's namespace.
/// </summary>
public static class LabZeroTierStandInCommand
{
    public static Command Create()
    {
        var home = new Option<string>("--home") { Description = "Home directory: authtoken.secret and zerotier-one.port are written here.", Required = true };
        var listen = new Option<string>("--listen") { Description = "address:port of the local API.", DefaultValueFactory = _ => "127.0.0.1:9993" };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario JSON (node, networks, members); none = a lone node with no networks." };
        var command = new Command("zerotier-standin", "Run the ZeroTier local API stand-in (used by `causeway-lab up`).") { home, listen, scenario };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var endpoint = LabEndpoints.Parse(parse.GetValue(listen)!, "--listen");
                var options = new ZeroTierStandInOptions
                {
                    HomeDirectory = Path.GetFullPath(parse.GetValue(home)!),
                    ListenAddress = endpoint.Address,
                    Port = endpoint.Port,
                    ScenarioPath = parse.GetValue(scenario),
                    Log = line => Console.Out.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}"),
                };
                Console.Out.WriteLine($"zerotier stand-in: listening on {endpoint}, home {options.HomeDirectory}, scenario {options.ScenarioPath ?? "(none)"}");
                await ZeroTierStandInHost.RunAsync(options, ct);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab zerotier-standin: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
