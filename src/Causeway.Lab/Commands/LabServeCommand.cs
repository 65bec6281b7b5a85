using System.CommandLine;
using Causeway.Lab.Services;

namespace Causeway.Lab.Commands;

/// <summary>
/// `causeway-lab serve echo` (hidden): the lab's echo service (its DNS servers are dnsmasq). `lab up` starts it
/// detached inside namespaces; it runs until killed (SIGTERM or Ctrl-C stop it cleanly).
/// </summary>
public static class LabServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "Run one of the lab's services (used by `causeway-lab up`).") { Hidden = true };
        serve.Subcommands.Add(Echo());
        return serve;
    }

    private static Option<string[]> Listen() => new("--listen")
    {
        Description = "address:port to listen on (repeat for several).",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Command Echo()
    {
        var listen = Listen();
        var command = new Command("echo", "Answer TCP connections and UDP datagrams with the caller's address.") { listen };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var endpoints = parse.GetValue(listen)!.Select(e => LabEndpoints.Parse(e, "--listen")).ToList();
                await EchoService.RunAsync(endpoints, Console.Out, ct);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab serve echo: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
