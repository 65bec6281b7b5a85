using System.Net;
using System.Text.Json;
using Causeway.Lab.Backbone;
using Causeway.Lab.Duo;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// What the Dinosaur checks measure with: leak windows with the phones and the laptop as senders (in parallel),
/// the sbc's provider tunnel's byte counters, the VM's lack of a provider tunnel, and the hops both hosts' status names.
/// </summary>
internal sealed class DinosaurProbes(DinosaurWorld w)
{
    private const int UdpProbes = 20;
    private const int TcpProbes = 5;
    private static readonly IPEndPoint Echo = new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort);

    /// <summary>How long a host's status may take to name a failed hop (or to say all are up again).</summary>
    private static readonly TimeSpan HopNoticeLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The leak measurement: counters before, a canary from each host, K probes from each sender (UDP then TCP, the
    /// senders at once), canaries again, counters after; the canaries are waited for on the counters themselves.
    /// </summary>
    /// <param name="phones">The phones that send (into their tunnels to the VM).</param>
    /// <param name="laptop">Whether the laptop sends too (over the overlay to the sbc).</param>
    public async Task<DinosaurWindow> WindowAsync(string label, IReadOnlyList<string> phones, bool laptop, CancellationToken ct)
    {
        var before = await w.LeakCountersAsync(ct);
        var sbcBefore = await w.LeakCountersAsync(DinosaurTopology.SbcUplink, ct);
        var vmBefore = await w.LeakCountersAsync(DinosaurTopology.VmUplink, ct);
        var sentBefore = await SentIntoTunnelsAsync(phones, laptop, ct);
        var canaries = await w.CanaryCountedAsync(before, 0, ct);
        IEnumerable<string> senders = laptop ? [.. phones, DinosaurTopology.Laptop] : phones;
        var probes = (await Task.WhenAll(senders.Select(async sender =>
        {
            var udp = await w.EchoProbeAsync(sender, Echo, "udp", UdpProbes, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct);
            var tcp = await w.EchoProbeAsync(sender, Echo, "tcp", TcpProbes, TimeSpan.FromMilliseconds(700), TimeSpan.Zero, ct);
            return new[] { udp, tcp };
        }))).SelectMany(p => p).ToList();
        canaries += await w.CanaryCountedAsync(before, canaries, ct);
        var after = await w.LeakCountersAsync(ct);
        var counted = await SentIntoTunnelsAsync(phones, laptop, ct) - sentBefore;
        var who = string.Join(" and ", new[] { phones.Count > 0 ? string.Join(", ", phones) : null, laptop ? "the laptop" : null }.OfType<string>());
        var window = new DinosaurWindow(
            new LeakWindow(label, senders.Count() * (UdpProbes + TcpProbes), counted, probes, after.Since(before), canaries, who,
                $"{DinosaurTopology.SbcUplink.InternetSide} and {DinosaurTopology.VmUplink.InternetSide}"),
            (await w.LeakCountersAsync(DinosaurTopology.SbcUplink, ct)).Since(sbcBefore),
            (await w.LeakCountersAsync(DinosaurTopology.VmUplink, ct)).Since(vmBefore));
        w.Progress($"    {window.Evidence}");
        return window;
    }

    /// <summary>The probe packets the senders' own counters saw leave into their tunnels (the phones) or onto the overlay (the laptop).</summary>
    private async Task<long> SentIntoTunnelsAsync(IReadOnlyList<string> phones, bool laptop, CancellationToken ct)
    {
        long sent = 0;
        foreach (var phone in phones)
        {
            sent += (await w.Phones.PhoneCountersAsync(phone, ct))[DuoTopology.ProbesIntoTunnel];
        }

        return sent + (laptop ? (await w.LaptopCountersAsync(ct))[LaptopProbeRuleset.ProbesV4] : 0);
    }

    /// <summary>The bytes the sbc's provider tunnel device has carried so far (out into the tunnel, in from it).</summary>
    public async Task<(long Out, long In)> SbcTunnelBytesAsync(CancellationToken ct)
    {
        var result = await w.Net.TryRunAsync("ip", ["-n", w.Ns(DinosaurTopology.Sbc), "-j", "-s", "link", "show", "dev", BackboneTopology.GatewayTunnelDevice], ct);
        if (!result.Succeeded)
        {
            return (0, 0);
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        foreach (var link in document.RootElement.EnumerateArray())
        {
            if (link.TryGetProperty("stats64", out var stats))
            {
                return (stats.GetProperty("tx").GetProperty("bytes").GetInt64(), stats.GetProperty("rx").GetProperty("bytes").GetInt64());
            }
        }

        return (0, 0);
    }

    /// <summary>
    /// The VM runs no provider tunnel of its own: none of its OpenVPN processes is a client (each is one of its access
    /// servers), no socket of it talks to the provider, and it has no device of the provider tunnel's name.
    /// </summary>
    public async Task<(bool None, string Evidence)> VmProviderTunnelAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        var servers = new List<string>();
        foreach (var pid in await w.PidsNamedAsync(DinosaurTopology.Vm, "openvpn", ct))
        {
            var commandLine = CommandLine(pid);
            var config = commandLine.SkipWhile(a => a != "--config").Skip(1).FirstOrDefault();
            var text = config is not null && w.Files.Stat(config).Exists ? w.Files.ReadAllText(config) : string.Empty;
            var lines = text.Split('\n').Select(l => l.Trim()).ToList();
            if (commandLine.Contains("--client") || commandLine.Contains("--remote") || lines.Contains("client") || lines.Any(l => l.StartsWith("remote ", StringComparison.Ordinal)))
            {
                problems.Add($"openvpn pid {pid} is a client ({string.Join(' ', commandLine)})");
            }
            else
            {
                servers.Add($"{pid} ({Path.GetFileName(config ?? "?")})");
            }
        }

        var sockets = (await w.Net.TryExecAsync(w.Ns(DinosaurTopology.Vm), "ss", ["-H", "-tuna", "dst", BackboneTopology.ProviderAddress.ToString()], ct)).StandardOutput.Trim();
        if (sockets.Length > 0)
        {
            problems.Add($"sockets to the provider: {sockets.ReplaceLineEndings("; ")}");
        }

        var device = (await w.Net.TryRunAsync("ip", ["-n", w.Ns(DinosaurTopology.Vm), "link", "show", BackboneTopology.GatewayTunnelDevice], ct)).Succeeded;
        if (device)
        {
            problems.Add($"the VM has a device {BackboneTopology.GatewayTunnelDevice}");
        }

        return (problems.Count == 0, problems.Count == 0
            ? $"the VM runs no provider tunnel (its OpenVPN processes are servers only: {string.Join(", ", servers)}; no socket to {BackboneTopology.ProviderAddress}, no {BackboneTopology.GatewayTunnelDevice})"
            : $"the VM runs a provider tunnel of its own: {string.Join("; ", problems)}");
    }

    /// <summary>
    /// Waits (30 s at most) until each host's `causeway status --json` names the expected first failed hop (null: none
    /// failed); <see cref="NotRunning"/> for a host whose `causeway up` was killed (then its status must say so).
    /// Returns whether both did, and the evidence.
    /// </summary>
    /// <param name="expectGateway">
    /// What the VM's `gateway` (the sbc's own hops, read from its status listener) must say: the sbc's first failed hop,
    /// null for none, or <see cref="GatewayUnread"/> when the VM cannot read it (the overlay cut, the sbc's `up` dead).
    /// </param>
    public async Task<(bool Named, string Evidence)> HopsNamedAsync(string fault, string? expectSbc, string? expectVm, string? expectGateway, CancellationToken ct)
    {
        string sbcSays = "?", vmSays = "?", gatewaySays = "?";
        bool sbcOk = false, vmOk = false, gatewayOk = false;
        var took = await Waiting.TryUntilAsync(
            async token =>
            {
                (sbcOk, sbcSays) = await HopAsync(w, expectSbc, token);
                (vmOk, vmSays) = await HopAsync(w.Vm, expectVm, token);
                (gatewayOk, gatewaySays) = await GatewayHopsAsync(expectGateway, token);
                return sbcOk && vmOk && gatewayOk;
            },
            HopNoticeLimit,
            w.Time,
            ct);
        return (took is not null,
            $"{fault}: sbc {(sbcOk ? "named" : "did NOT name")} {expectSbc ?? "no failed hop"} ({sbcSays}), "
            + $"VM {(vmOk ? "named" : "did NOT name")} {expectVm ?? "no failed hop"} ({vmSays}), "
            + $"the VM's view of the sbc {(gatewayOk ? "named" : "did NOT name")} {expectGateway ?? "no failed hop"} ({gatewaySays})"
            + (took is { } t ? $" within {t.TotalSeconds:0.0} s" : $" within {HopNoticeLimit.TotalSeconds:0} s"));
    }

    /// <summary>What <see cref="HopsNamedAsync"/> expects of the VM's `gateway` while it cannot read the sbc's status.</summary>
    public const string GatewayUnread = "(unread)";

    private async Task<(bool Ok, string Says)> GatewayHopsAsync(string? expected, CancellationToken ct)
    {
        var (status, error) = await w.Vm.GatewayStatusAsync(ct);
        if (status?.Gateway is not { } gateway)
        {
            return (false, status is null ? $"VM status: {error}" : "the VM's status has no gateway");
        }

        var ok = expected == GatewayUnread
            ? gateway.Hops is null && gateway.Error is { Length: > 0 }
            : gateway.Hops is { } hops && hops.FirstFailed == expected && gateway.Instance == w.World.Prefix + w.World.Name;
        return (ok, gateway.Describe());
    }

    /// <summary>What <see cref="HopsNamedAsync"/> expects of a host whose `causeway up` is not running: a status that says so.</summary>
    public const string NotRunning = "(not running)";

    private static async Task<(bool Ok, string Says)> HopAsync(Worlds.RunningWorld host, string? expected, CancellationToken ct)
    {
        var (status, error) = await host.GatewayStatusAsync(ct);
        if (expected == NotRunning)
        {
            return (status is null || status.Pid is null, status is null ? $"status: {error}" : $"status still answers for pid {status.Pid}");
        }

        if (status?.Hops is not { } hops)
        {
            return (false, status is null ? $"status: {error}" : "status --json has no hops");
        }

        var first = hops.FirstFailed is { } id ? hops.Hop(id) : null;
        var ok = hops.FirstFailed == expected
            && (expected is null || (first is { State: "down", Since: not null, LookNext.Length: > 0 } && hops.Summary?.Length > 0));
        return (ok, hops.Describe());
    }

    private string[] CommandLine(int pid)
    {
        try
        {
            return w.Files.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
