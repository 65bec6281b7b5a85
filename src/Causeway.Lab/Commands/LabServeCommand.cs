using System.CommandLine;
using Causeway.Lab.Services;

namespace Causeway.Lab.Commands;

/// <summary>
/// `causeway-lab serve echo|dns` (hidden): the lab's internet and provider services. `lab up` starts them
/// detached inside namespaces; they run until killed (SIGTERM or Ctrl-C stop them cleanly).
/// </summary>
public static class LabServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "Run one of the lab's services (used by `causeway-lab up`).") { Hidden = true };
        serve.Subcommands.Add(Echo());
        serve.Subcommands.Add(Dns());
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

    private static Command Dns()
    {
        var listen = Listen();
        var answers = new Option<string[]>("--answer")
        {
            Description = "A record to serve, name=TYPE:value (A, AAAA or TXT), e.g. whoami.causeway.lab=TXT:served-by=provider.",
            Required = true,
        };
        var command = new Command("dns", "A minimal authoritative DNS responder (UDP and TCP).") { listen, answers };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var endpoints = parse.GetValue(listen)!.Select(e => LabEndpoints.Parse(e, "--listen")).ToList();
                var zone = new DnsZone([.. parse.GetValue(answers)!.Select(DnsRecord.Parse)]);
                await DnsService.RunAsync(endpoints, zone, Console.Out, ct);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab serve dns: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
