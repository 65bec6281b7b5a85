using System.Net;
using System.Text.RegularExpressions;
using Causeway.Core.Planning;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;

namespace Causeway.Lab.Worlds;

/// <summary>
/// `tunnel-injection-no-leak`: whoever can put packets into the provider's tunnel (the provider, or anything on its
/// path) sends them to the gateway's tunnel address from an internet address: UDP datagrams and TCP SYNs to closed
/// ports, pings, and replies into a client's live flow that arrive with TTL 1, so that the gateway, forwarding them,
/// must answer "time exceeded". Whatever the gateway's own stack makes of them, nothing may leave by its uplink: the
/// leak counter on the uplink's far end must count 0 between two canaries. A counter table of the lab's in the
/// gateway proves the packets arrived (and the TTL-1 ones were mapped into the client's flow) and shows what the
/// gateway's stack answered; Causeway's own guard counters are shown as well.
/// </summary>
internal sealed partial class TunnelInjectionCheck(RunningWorld w)
{
    private const int Count = 3;
    private const int FlowProbes = 30;
    private static readonly TimeSpan FlowInterval = TimeSpan.FromMilliseconds(100);
    private static readonly IPEndPoint Echo = new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort);

    public const string ArrivedUdp = "arrived-udp";
    public const string ArrivedSyn = "arrived-tcp-syn";
    public const string ArrivedPing = "arrived-echo-request";
    public const string ArrivedTtl1 = "arrived-ttl-1";
    public const string MappedIntoFlow = "ttl-1-into-client-flow";
    public const string AnsweredUnreachable = "answered-unreachable";
    public const string AnsweredTimeExceeded = "answered-time-exceeded";
    public const string AnsweredEchoReply = "answered-echo-reply";
    public const string AnsweredReset = "answered-reset";

    private string Gateway => w.Ns(w.GatewayNode);

    /// <param name="client">The node that keeps a live UDP flow to the internet's echo service through the gateway.</param>
    /// <param name="countedOn">Where the leak counters are, for the evidence ("i-sbc", "i-vm").</param>
    public async Task<LabCheckResult> RunAsync(string name, string client, string countedOn, CancellationToken ct)
    {
        var tunnel = await w.GatewayTunnelAddressAsync(ct)
            ?? throw new InvalidOperationException($"the gateway has no address on {BackboneTopology.GatewayTunnelDevice}: is its tunnel up?");
        await w.Net.NftAsync("installing the lab's injection counters in the gateway", Gateway, Ruleset(tunnel), ct);
        try
        {
            return await MeasureAsync(name, client, countedOn, tunnel, ct);
        }
        finally
        {
            await w.Net.TryExecAsync(Gateway, "nft", ["delete", "table", "inet", BackboneTopology.InjectionTable], CancellationToken.None);
        }
    }

    private async Task<LabCheckResult> MeasureAsync(string name, string client, string countedOn, IPAddress tunnel, CancellationToken ct)
    {
        var guardBefore = await w.TryCountersAsync(w.GatewayNode, "inet", BackboneTopology.GatewayNftTable, ct);
        var before = await w.LeakCountersAsync(ct);

        // The client's live flow: one socket, probes every 100 ms for 3 s; the gateway's conntrack entry names the
        // port it was masqueraded to, which the replies go to.
        var flow = w.EchoProbeAsync(client, Echo, "udp", FlowProbes, TimeSpan.FromSeconds(1), FlowInterval, BackboneTopology.ClientFlowPort, ct);
        string? entry = null;
        await Waiting.TryUntilAsync(
            async token => (entry = await FlowEntryAsync(token)) is not null,
            TimeSpan.FromSeconds(10),
            w.Time,
            ct);
        var masqueraded = entry is null ? null : ReplyPort(entry);

        var canaries = await w.CanaryCountedAsync(before, 0, ct);
        var injected = await w.InjectAsync(tunnel, Count, masqueraded ?? 0, ct);

        // Everything the gateway answers, it answers as the packets arrive: once they have all arrived (or 5 s), the
        // second canary follows anything it sent.
        var expected = new Dictionary<string, long>
        {
            [ArrivedUdp] = injected.UdpSent,
            [ArrivedSyn] = injected.TcpSent,
            [ArrivedPing] = injected.PingsSent,
            [ArrivedTtl1] = injected.FlowRepliesSent,
        };
        NftCounters arrived = new(new Dictionary<string, long>(StringComparer.Ordinal));
        await Waiting.TryUntilAsync(
            async token =>
            {
                arrived = await w.CountersAsync(w.GatewayNode, "inet", BackboneTopology.InjectionTable, token);
                return expected.All(e => arrived[e.Key] >= e.Value);
            },
            TimeSpan.FromSeconds(5),
            w.Time,
            ct);
        canaries += await w.CanaryCountedAsync(before, canaries, ct);
        var counts = (await w.LeakCountersAsync(ct)).Since(before);
        var flowResult = await flow;
        var stillLive = await FlowEntryAsync(ct) is not null;
        var inside = await w.CountersAsync(w.GatewayNode, "inet", BackboneTopology.InjectionTable, ct);
        var guard = (await w.TryCountersAsync(w.GatewayNode, "inet", BackboneTopology.GatewayNftTable, ct)).Since(guardBefore);

        var leaked = counts[LeakCounterRuleset.Leak];
        var captureLive = canaries >= 2 && counts[LeakCounterRuleset.Canary] >= canaries;
        var reached = expected.All(e => e.Value > 0 && inside[e.Key] > 0) && inside[MappedIntoFlow] > 0;
        var passed = leaked == 0 && captureLive && masqueraded is not null && stillLive && flowResult.Answered > 0 && reached;

        var guardText = Planner.GuardRuleComments.Where(guard.PacketsByComment.ContainsKey).ToList() is { Count: > 0 } present
            ? $"Causeway's guard counted {string.Join(", ", present.Select(c => $"{c} +{guard[c]}"))}"
            : $"table inet {BackboneTopology.GatewayNftTable} has no guard rules ({string.Join(", ", Planner.GuardRuleComments)})";
        return new(name, passed,
            $"the gateway's tunnel address is {tunnel}; {client} kept a UDP flow to {Echo} from port {BackboneTopology.ClientFlowPort} "
            + $"({flowResult.Answered}/{flowResult.Sent} answered, seen as {string.Join("/", flowResult.SeenAs)}), "
            + (entry is null ? "but the gateway's conntrack showed no entry for it within 10 s; " : $"conntrack: '{entry}'{(stillLive ? string.Empty : " (GONE after the injection)")}; ")
            + $"from the provider's side, {injected.Source} sent into the tunnel {injected.UdpSent} UDP datagrams and {injected.TcpSent} TCP SYNs "
            + $"to closed ports {string.Join(", ", BackboneTopology.InjectionClosedPorts)} (TCP: {Outcomes(injected.TcpErrors)}), {injected.PingsSent} pings, "
            + $"and {injected.FlowRepliesSent} replies into the flow (to {tunnel}:{masqueraded?.ToString() ?? "?"}) with TTL {injected.FlowTtl}"
            + (injected.Errors.Count > 0 ? $" (errors: {string.Join(", ", injected.Errors)})" : string.Empty)
            + $"; the gateway saw arrive {inside[ArrivedUdp]} datagrams, {inside[ArrivedSyn]} SYNs, {inside[ArrivedPing]} pings, {inside[ArrivedTtl1]} replies with TTL 1 "
            + $"({inside[MappedIntoFlow]} mapped into {client}'s flow); its stack answered {inside[AnsweredUnreachable]} unreachable, {inside[AnsweredReset]} resets, "
            + $"{inside[AnsweredEchoReply]} echo replies, {inside[AnsweredTimeExceeded]} time exceeded; {guardText}; "
            + $"{countedOn} counted {LeakCounterRuleset.Describe(counts)}, canaries {counts[LeakCounterRuleset.Canary]}/{canaries}");
    }

    /// <summary>The gateway's conntrack entry of the client's flow (`conntrack -L` line), or null.</summary>
    private async Task<string?> FlowEntryAsync(CancellationToken ct)
    {
        var result = await w.Net.TryExecAsync(
            Gateway,
            "conntrack",
            ["-L", "-p", "udp", "--orig-dst", BackboneTopology.EchoAddress.ToString(), "--orig-port-src", BackboneTopology.ClientFlowPort.ToString(), "--orig-port-dst", BackboneTopology.EchoPort.ToString()],
            ct);
        return result.Succeeded
            ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => ReplyPort(l) is not null)
            : null;
    }

    /// <summary>The reply direction's destination port of a `conntrack -L` line: the port the flow was masqueraded to.</summary>
    public static int? ReplyPort(string line)
    {
        var ports = DestinationPort().Matches(line);
        return ports.Count >= 2 && int.TryParse(ports[1].Groups[1].Value, out var port) ? port : null;
    }

    private static string Outcomes(IReadOnlyList<string> outcomes) => outcomes.Count == 0 ? "none" : string.Join(", ", outcomes);

    /// <summary>
    /// The lab's counters in the gateway (only for this check): what arrived from the injection before conntrack
    /// (raw), which TTL-1 replies conntrack mapped into the client's flow (after dstnat), and what the gateway's own
    /// stack sent back to the injecting address (output, before anything of Causeway's can drop it).
    /// </summary>
    public static string Ruleset(IPAddress tunnel)
    {
        var fromInjector = $"iifname \"{BackboneTopology.GatewayTunnelDevice}\" ip saddr {BackboneTopology.EchoAddress}";
        var closed = $"{{ {string.Join(", ", BackboneTopology.InjectionClosedPorts)} }}";
        return $$"""
            table inet {{BackboneTopology.InjectionTable}}
            delete table inet {{BackboneTopology.InjectionTable}}
            table inet {{BackboneTopology.InjectionTable}} {
                comment "causeway lab: what tunnel-injection-no-leak brought to the gateway, and what its stack answered"
                chain arrived {
                    type filter hook prerouting priority raw; policy accept;
                    {{fromInjector}} ip daddr {{tunnel}} udp dport {{closed}} counter comment "{{ArrivedUdp}}"
                    {{fromInjector}} ip daddr {{tunnel}} tcp dport {{closed}} tcp flags & (syn | ack) == syn counter comment "{{ArrivedSyn}}"
                    {{fromInjector}} ip daddr {{tunnel}} icmp type echo-request counter comment "{{ArrivedPing}}"
                    {{fromInjector}} ip daddr {{tunnel}} udp sport {{BackboneTopology.EchoPort}} ip ttl 1 counter comment "{{ArrivedTtl1}}"
                }
                chain mapped {
                    type filter hook prerouting priority dstnat + 10; policy accept;
                    {{fromInjector}} ip daddr != {{tunnel}} udp sport {{BackboneTopology.EchoPort}} ip ttl 1 counter comment "{{MappedIntoFlow}}"
                }
                chain answered {
                    type filter hook output priority raw; policy accept;
                    ip daddr {{BackboneTopology.EchoAddress}} icmp type destination-unreachable counter comment "{{AnsweredUnreachable}}"
                    ip daddr {{BackboneTopology.EchoAddress}} icmp type time-exceeded counter comment "{{AnsweredTimeExceeded}}"
                    ip daddr {{BackboneTopology.EchoAddress}} icmp type echo-reply counter comment "{{AnsweredEchoReply}}"
                    ip daddr {{BackboneTopology.EchoAddress}} tcp flags rst counter comment "{{AnsweredReset}}"
                }
            }
            """;
    }

    [GeneratedRegex(@"\bdport=(\d+)")]
    private static partial Regex DestinationPort();
}
