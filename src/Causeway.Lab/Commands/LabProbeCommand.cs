using System.CommandLine;
using System.Text.Json;
using Causeway.Lab.Json;
using Causeway.Lab.Probes;

namespace Causeway.Lab.Commands;

/// <summary>
/// `causeway-lab probe echo|dns|canary|connect|inject` (hidden): the client side of the lab's services, run by
/// `lab check` inside a namespace (`ip netns exec`). Each prints one JSON result on stdout.
/// </summary>
public static class LabProbeCommand
{
    public static Command Create()
    {
        var probe = new Command("probe", "Probe a lab service from this namespace (used by `causeway-lab check`).") { Hidden = true };
        probe.Subcommands.Add(Echo());
        probe.Subcommands.Add(Dns());
        probe.Subcommands.Add(Canary());
        probe.Subcommands.Add(Connect());
        probe.Subcommands.Add(Inject());
        return probe;
    }

    private static Option<string> Target() => new("--target") { Description = "address:port.", Required = true };

    private static Option<int> Milliseconds(string name, int defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static Command Echo()
    {
        var target = Target();
        var protocol = new Option<string>("--protocol") { Description = "udp or tcp.", DefaultValueFactory = _ => "udp" };
        protocol.AcceptOnlyFromAmong("udp", "tcp");
        var count = new Option<int>("--count") { Description = "How many probes.", DefaultValueFactory = _ => 1 };
        var timeout = Milliseconds("--timeout-ms", 1000, "TCP: per attempt; UDP: how long to wait for replies after the last send.");
        var interval = Milliseconds("--interval-ms", 10, "Pause between probes.");
        var bindPort = new Option<int>("--bind-port") { Description = "UDP: the local port every probe leaves from (0: any).", DefaultValueFactory = _ => 0 };
        var command = new Command("echo", "Send probes to the echo service; report how many were answered and as whom.") { target, protocol, count, timeout, interval, bindPort };
        command.SetAction(async (parse, ct) =>
        {
            var result = await EchoProbe.RunAsync(
                LabEndpoints.Parse(parse.GetValue(target)!, "--target"),
                parse.GetValue(protocol)!,
                Math.Max(0, parse.GetValue(count)),
                TimeSpan.FromMilliseconds(parse.GetValue(timeout)),
                TimeSpan.FromMilliseconds(parse.GetValue(interval)),
                parse.GetValue(bindPort),
                ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(result, LabJsonContext.Default.EchoProbeResult));
            return 0;
        });
        return command;
    }

    private static Command Dns()
    {
        var server = new Option<string>("--server") { Description = "address:port of the DNS server.", Required = true };
        var name = new Option<string>("--name") { Description = "The name to ask for.", Required = true };
        var type = new Option<string>("--type") { Description = "A, AAAA or TXT.", DefaultValueFactory = _ => "A" };
        type.AcceptOnlyFromAmong("A", "AAAA", "TXT");
        var transport = new Option<string>("--transport") { Description = "udp or tcp.", DefaultValueFactory = _ => "udp" };
        transport.AcceptOnlyFromAmong("udp", "tcp");
        var timeout = Milliseconds("--timeout-ms", 3000, "How long to wait for the answer.");
        var command = new Command("dns", "Ask a DNS server one question; report the answer or that none came.") { server, name, type, transport, timeout };
        command.SetAction(async (parse, ct) =>
        {
            var recordType = parse.GetValue(type) switch
            {
                "AAAA" => DnsRecordType.Aaaa,
                "TXT" => DnsRecordType.Txt,
                _ => DnsRecordType.A,
            };
            var result = await DnsProbe.RunAsync(
                LabEndpoints.Parse(parse.GetValue(server)!, "--server"),
                parse.GetValue(name)!,
                recordType,
                parse.GetValue(transport)!,
                TimeSpan.FromMilliseconds(parse.GetValue(timeout)),
                ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(result, LabJsonContext.Default.DnsProbeResult));
            return 0;
        });
        return command;
    }

    private static Command Canary()
    {
        var target = Target();
        var count = new Option<int>("--count") { Description = "How many datagrams.", DefaultValueFactory = _ => 1 };
        var command = new Command("canary", "Send datagrams nobody answers (counted by the leak detector).") { target, count };
        command.SetAction(async (parse, ct) =>
        {
            var result = await SendProbe.CanaryAsync(LabEndpoints.Parse(parse.GetValue(target)!, "--target"), Math.Max(0, parse.GetValue(count)), ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(result, LabJsonContext.Default.SendProbeResult));
            return 0;
        });
        return command;
    }

    private static Command Connect()
    {
        var target = Target();
        var timeout = Milliseconds("--timeout-ms", 1000, "How long to wait for the connection.");
        var command = new Command("connect", "Test that something accepts TCP connections on address:port.") { target, timeout };
        command.SetAction(async (parse, ct) =>
        {
            var result = await SendProbe.ConnectAsync(LabEndpoints.Parse(parse.GetValue(target)!, "--target"), TimeSpan.FromMilliseconds(parse.GetValue(timeout)), ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(result, LabJsonContext.Default.SendProbeResult));
            return result.Sent == 1 ? 0 : 1;
        });
        return command;
    }

    private static Command Inject()
    {
        var source = new Option<string>("--source") { Description = "The internet address the packets come from (one of this namespace's).", Required = true };
        var target = new Option<string>("--target") { Description = "The gateway's tunnel address.", Required = true };
        var closedPort = new Option<int[]>("--closed-port") { Description = "A port nothing listens on at the target (repeatable).", Required = true };
        var count = new Option<int>("--count") { Description = "Datagrams and SYNs per closed port, pings, and flow replies.", DefaultValueFactory = _ => 1 };
        var flowSourcePort = new Option<int>("--flow-source-port") { Description = "The live flow's service port (the replies' source port).", DefaultValueFactory = _ => 7 };
        var flowPort = new Option<int>("--flow-port") { Description = "The live flow's port at the target (0: no flow replies).", DefaultValueFactory = _ => 0 };
        var flowTtl = new Option<int>("--flow-ttl") { Description = "The flow replies' TTL as they leave this host.", DefaultValueFactory = _ => 2 };
        var command = new Command("inject", "Put packets into the tunnel at the gateway's tunnel address from the provider's side.") { source, target, closedPort, count, flowSourcePort, flowPort, flowTtl };
        command.SetAction(async (parse, ct) =>
        {
            var result = await InjectProbe.RunAsync(
                LabEndpoints.ParseAddress(parse.GetValue(source)!, "--source"),
                LabEndpoints.ParseAddress(parse.GetValue(target)!, "--target"),
                parse.GetValue(closedPort)!,
                Math.Max(0, parse.GetValue(count)),
                parse.GetValue(flowSourcePort),
                parse.GetValue(flowPort),
                parse.GetValue(flowTtl),
                ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(result, LabJsonContext.Default.InjectProbeResult));
            return 0;
        });
        return command;
    }
}
