using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Bench;
using Causeway.Lab.Checks;
using Causeway.Lab.Duo;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Worlds;
using static Causeway.Lab.Probes.ProbeVerdicts;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// `causeway-lab check dinosaur`: with everything up, where the phones' and the laptop's traffic leaves (one provider
/// address, through the sbc's tunnel; the VM has none), the overlay both ways, DNS, both hosts' own routes and the MTU
/// budget; then the faults, each measured at both uplinks (<see cref="DinosaurFaultChecks"/>); then `causeway down` on
/// both hosts. Reported in the order of <see cref="DinosaurCheckNames.All"/>; the world is put back as it was found.
/// </summary>
internal sealed class DinosaurChecks : WorldChecks
{
    private const long TransferBytes = 2 * 1024 * 1024;

    /// <summary>How long each bulk transfer of `no-mtu-black-hole` runs (after iperf3's one second of warm-up).</summary>
    private const int BulkSeconds = 3;

    /// <summary>
    /// What each bulk transfer must deliver: a flow whose full-size segments are black-holed stalls after its first
    /// few (kilobytes); this is a few hundred thousand full-size segments' worth, well below what the chain carries.
    /// </summary>
    private const long BulkFloorBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan BulkTimeout = TimeSpan.FromSeconds(60);
    private static readonly IPEndPoint LaptopEcho = new(BackboneTopology.LaptopOverlayAddress, BackboneTopology.EchoPort);
    private static readonly string VmOverlay = DinosaurTopology.VmOverlayAddress.ToString();

    private readonly DinosaurWorld _w;
    private readonly DinosaurProbes _probes;
    private readonly DinosaurFaultChecks _faults;
    private bool _vmWasRunning;
    private DinosaurWindow? _phones;
    private DinosaurWindow? _laptop;

    public DinosaurChecks(DinosaurWorld w)
        : base(w)
    {
        _w = w;
        _probes = new DinosaurProbes(w);
        _faults = new DinosaurFaultChecks(w, _probes, Checks, Layers, this);
    }

    protected override string GatewayLabel => "sbc";

    protected override string ReadySubject => "the world";

    protected override IReadOnlyList<string> Order => DinosaurCheckNames.All;

    protected override string LifetimeCheck => DinosaurCheckNames.NoLeaksForTheLifeOfTheWorld;

    protected override string CountedOn => $"{DinosaurTopology.SbcUplink.InternetSide} and {DinosaurTopology.VmUplink.InternetSide}";

    protected override TimeSpan RestoreLimit => TimeSpan.FromMinutes(3);

    private RunningWorld Vm => _w.Vm;

    /// <summary>The VM's `causeway up` ready too, and the phones connected.</summary>
    protected override async Task WhenReadyAsync(CancellationToken ct)
    {
        _vmWasRunning = Vm.IsRunning(Vm.GatewayProcess);
        if (!_vmWasRunning)
        {
            throw new InvalidOperationException($"`causeway up` is not running on the VM (see `lab up`'s output and {Vm.Layout.GatewayLog})");
        }

        var (took, status) = await Vm.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        _w.Progress($"check: VM ready ({status.Summary}, waited {took.TotalSeconds:0.0} s)");
        await EnsurePhonesConnectedAsync(ct);
    }

    /// <summary>The VM's overlay back up, its `causeway up` not frozen and running if it was, the phones connected.</summary>
    protected override async Task RestoreMoreAsync(CancellationToken ct)
    {
        await _faults.OverlayUpAsync(ct);
        if (Vm.State.Process(Vm.GatewayProcess) is { } vm && Vm.Processes.IsAlive(vm.Pid, vm.StartTicks))
        {
            await Vm.Processes.SignalAsync(vm.Pid, UnixSignals.Continue, ct);
        }

        if (_vmWasRunning && !Vm.IsRunning(Vm.GatewayProcess))
        {
            await RestartVmAsync("to leave the world as it was", ct);
        }
    }

    protected override async Task RunChecksAsync(CancellationToken ct)
    {
        using var iperf = Iperf.StartServer(_w);
        await Iperf.WaitServerAsync(_w, ct);
        await Checks.RunAsync(DinosaurCheckNames.PhoneEgressViaProvider, PhoneEgressAsync, ct);
        await Checks.RunAsync(DinosaurCheckNames.LaptopEgressViaProvider, LaptopEgressAsync, ct);
        await Checks.RunAsync(DinosaurCheckNames.SameExitBothWays, SameExitAsync, ct);
        await Checks.RunAsync(DinosaurCheckNames.PhoneReachesLaptop, PhoneReachesLaptopAsync, ct);
        await Checks.RunAsync(DinosaurCheckNames.LaptopReachesPhone, LaptopReachesPhoneAsync, ct);
        await Checks.RunAsync(DinosaurCheckNames.PhoneDnsViaProvider, DnsViaProviderAsync, ct);
        await Checks.RunAsync(DinosaurCheckNames.VmHostRouteUntouched, token => RoutesAsync(DinosaurCheckNames.VmHostRouteUntouched, Vm, "VM", token), ct);
        await Checks.RunAsync(DinosaurCheckNames.SbcHostRouteUntouched, token => RoutesAsync(DinosaurCheckNames.SbcHostRouteUntouched, _w, "sbc", token), ct);
        await Checks.RunAsync(DinosaurCheckNames.NoMtuBlackHole, NoMtuBlackHoleAsync, ct);
        await _faults.RunAsync(ct);
        await Checks.RunAsync(DinosaurCheckNames.DownLeavesNoResidue, DownLeavesNoResidueAsync, ct);
    }

    // ---- where the traffic leaves ----

    /// <summary>
    /// The café's phone (over TCP 443) and the open network's (over UDP 1194): the echo service sees the provider; a
    /// transfer from each grows the sbc's provider tunnel by at least its size; the VM runs no provider tunnel.
    /// </summary>
    private async Task<LabCheckResult> PhoneEgressAsync(CancellationToken ct)
    {
        _phones = await _probes.WindowAsync("phones connected, everything up", DinosaurTopology.Phones, laptop: false, ct);
        var transports = new List<string>();
        var rightTransports = true;
        foreach (var (phone, transport) in new[] { (DuoTopology.PhoneCafe, "tcp"), (DuoTopology.PhoneOpen, "udp") })
        {
            var listed = await _w.Phones.ClientAsync(DinosaurTopology.ClientName(phone), ct);
            rightTransports &= listed is { Connected: true } && listed.Sessions.All(s => s.Transport == transport);
            transports.Add($"{phone} over {transport}: the VM lists {listed?.Describe() ?? "nothing"}");
        }

        var (grew, growth) = await TunnelGrowsAsync(DinosaurTopology.Phones, ct);
        var (none, vm) = await _probes.VmProviderTunnelAsync(ct);
        var passed = _phones.All.Probes.All(p => p.Answered > 0) && _phones.All.SeenAs.SequenceEqual([Provider]) && _phones.NoLeak
            && rightTransports && grew && none;
        return new(DinosaurCheckNames.PhoneEgressViaProvider, passed,
            $"the internet's echo service saw the phones as {Seen(_phones.All.SeenAs)} (the provider is {Provider}, the VM {DinosaurTopology.VmPublicAddress}, the sbc {DinosaurTopology.SbcUplink.Address}); "
            + $"{string.Join("; ", transports)}; {growth}; {vm}; {_phones.Evidence}");
    }

    private async Task<LabCheckResult> LaptopEgressAsync(CancellationToken ct)
    {
        _laptop = await _probes.WindowAsync("laptop on the overlay, everything up", [], laptop: true, ct);
        var (grew, growth) = await TunnelGrowsAsync([DinosaurTopology.Laptop], ct);
        var passed = _laptop.All.Probes.All(p => p.Answered > 0) && _laptop.All.SeenAs.SequenceEqual([Provider]) && _laptop.NoLeak && grew;
        return new(DinosaurCheckNames.LaptopEgressViaProvider, passed,
            $"the internet's echo service saw the laptop (default route via {DinosaurTopology.SbcOverlayAddress} over ZeroTier) as {Seen(_laptop.All.SeenAs)}; {growth}; {_laptop.Evidence}");
    }

    private Task<LabCheckResult> SameExitAsync(CancellationToken ct)
    {
        IReadOnlyList<string> phones = _phones?.All.SeenAs ?? [], laptop = _laptop?.All.SeenAs ?? [];
        var passed = phones.Count == 1 && phones.SequenceEqual(laptop) && phones[0] == Provider;
        return Task.FromResult(new LabCheckResult(DinosaurCheckNames.SameExitBothWays, passed,
            $"the echo service saw the phones (through the VM, then the sbc) as {Seen(phones)} and the laptop (through the sbc alone) as {Seen(laptop)}: "
            + (passed ? $"one exit, the provider's {Provider}" : "NOT one exit through the provider")));
    }

    /// <summary>
    /// A transfer of <see cref="TransferBytes"/> to the internet from each sender at once: the sbc's provider tunnel
    /// device must have carried at least what arrived (the senders' traffic went through it, and nothing else is sent now).
    /// </summary>
    private async Task<(bool Grew, string Evidence)> TunnelGrowsAsync(IReadOnlyList<string> senders, CancellationToken ct)
    {
        var before = await _probes.SbcTunnelBytesAsync(ct);
        var runs = await Task.WhenAll(senders.Select(s => Iperf.TransferAsync(_w, s, BackboneTopology.EchoAddress, TransferBytes, BulkTimeout, download: false, ct)));
        var moved = runs.Sum(r => r.BytesReceived);

        // What arrived went through the tunnel before it arrived; the counter is read at once, but waited for (5 s
        // at most) rather than raced.
        var after = before;
        await Waiting.TryUntilAsync(
            async token =>
            {
                after = await _probes.SbcTunnelBytesAsync(token);
                return after.Out - before.Out >= moved;
            },
            TimeSpan.FromSeconds(5),
            _w.Time,
            ct);
        var grown = after.Out - before.Out;
        var grew = runs.All(r => r.Error is null && r.BytesReceived > 0) && grown >= moved;
        return (grew, $"{string.Join(" and ", senders)} wrote {TransferBytes} bytes each to the internet, of which {moved} arrived ({string.Join(", ", runs.Select(r => r.Error ?? $"{r.BytesReceived} B"))}) "
            + $"while the sbc's provider tunnel ({BackboneTopology.GatewayTunnelDevice}) carried {grown} bytes out and {after.In - before.In} in");
    }

    // ---- the overlay, both ways, and DNS ----

    private async Task<LabCheckResult> PhoneReachesLaptopAsync(CancellationToken ct)
    {
        var (passed, evidence) = await PhoneOverlayProbes.PhonesReachAsync(_w, DinosaurTopology.Phones, LaptopEcho, VmOverlay, ct);
        return new(DinosaurCheckNames.PhoneReachesLaptop, passed,
            $"the laptop's echo service ({LaptopEcho}, across the VM's overlay) answered {evidence}; it saw the phones as the VM's overlay address {VmOverlay}");
    }

    private async Task<LabCheckResult> LaptopReachesPhoneAsync(CancellationToken ct)
    {
        var (passed, evidence) = await PhoneOverlayProbes.LaptopReachesPhonesAsync(_w, _w.Phones, DinosaurTopology.Phones, DinosaurTopology.VmOverlayAddress, ct);
        return new(DinosaurCheckNames.LaptopReachesPhone, passed,
            $"the laptop ({BackboneTopology.LaptopOverlayAddress}) reached the phones' echo services through the VM (the managed route {DuoTopology.AccessPool} via {DinosaurTopology.VmOverlayAddress}): "
            + $"{evidence}; the phones saw the laptop's own address");
    }

    /// <summary>Each phone asks the DNS its server pushed (the access server's address): the VM sends it to the sbc, whose Uno sends it to the provider's.</summary>
    private async Task<LabCheckResult> DnsViaProviderAsync(CancellationToken ct)
    {
        var (passed, evidence) = await PhoneOverlayProbes.DnsViaProviderAsync(_w, ct);
        return new(DinosaurCheckNames.PhoneDnsViaProvider, passed, evidence);
    }

    private static async Task<LabCheckResult> RoutesAsync(string name, RunningWorld host, string label, CancellationToken ct)
    {
        var (untouched, evidence) = await HostRoutesAsync(host, label, ct);
        return new(name, untouched, evidence);
    }

    // ---- the MTU budget ----

    /// <summary>
    /// Bulk TCP from the café's phone to the internet and back (-R), through TCP 443, the VM, the overlay (MTU 1350,
    /// over the sbc's 1400-byte uplink) and the provider's tunnel, with the internet dropping every ICMP
    /// fragmentation-needed: each must deliver, at full-size segments, far more than a black-holed flow could, and
    /// the sbc must not fragment its transport meanwhile (its uplink, 1400, is narrower than the tunnel: the budget
    /// takes OpenVPN's encapsulation off it). Then don't-fragment pings at the overlay's largest payload pass, and one
    /// byte more does not.
    /// </summary>
    private async Task<LabCheckResult> NoMtuBlackHoleAsync(CancellationToken ct)
    {
        var phone = DuoTopology.PhoneCafe;
        var droppedBefore = (await _w.CountersAsync(BackboneTopology.Internet, "inet", DinosaurTopology.MtuTable, ct))[DinosaurTopology.FragNeededDropped];
        var leaksBefore = await _w.LeakCountersAsync(ct);
        var up = await Iperf.ExecAsync(_w, phone, BackboneTopology.EchoAddress, BulkSeconds, download: false, ct);
        var down = await Iperf.ExecAsync(_w, phone, BackboneTopology.EchoAddress, BulkSeconds, download: true, ct);

        // Counted over the bulk transfers only: the MSS budget is about TCP. The pings below are not clamped by
        // anything (only TCP has an MSS), and the provider's OpenVPN may fragment their datagrams, as it should.
        var fragments = (await _w.LeakCountersAsync(ct)).Since(leaksBefore)[LeakCounterRuleset.TransportFragment];
        var fits = await PingAsync(phone, DinosaurTopology.LargestUnfragmentedPing, 3, ct);
        var tooBig = await PingAsync(phone, DinosaurTopology.LargestUnfragmentedPing + 1, 2, ct);
        var dropped = (await _w.CountersAsync(BackboneTopology.Internet, "inet", DinosaurTopology.MtuTable, ct))[DinosaurTopology.FragNeededDropped] - droppedBefore;
        var passed = Complete(up) && Complete(down) && fits.Received > 0 && tooBig.Sent > 0 && tooBig.Received == 0 && fragments == 0;
        return new(DinosaurCheckNames.NoMtuBlackHole, passed,
            $"{phone} → internet over TCP 443: {Transfer(up)}; internet → {phone} (-R): {Transfer(down)}; "
            + $"ping -M do -s {DinosaurTopology.LargestUnfragmentedPing} ({DinosaurTopology.OverlayMtu} bytes on the wire): {fits.Received}/{fits.Sent} answered; "
            + $"-s {DinosaurTopology.LargestUnfragmentedPing + 1}: {tooBig.Received}/{tooBig.Sent} answered ({tooBig.Said}); "
            + $"the internet dropped {dropped} ICMP fragmentation-needed meanwhile (the sbc's uplink is {DinosaurTopology.SbcUplinkMtu}, the overlay {DinosaurTopology.OverlayMtu}); "
            + (fragments == 0
                ? "the sbc sent its provider transport unfragmented during the transfers"
                : $"the sbc FRAGMENTED its provider transport during the transfers: {fragments} trailing fragments on {DinosaurTopology.SbcUplink.InternetSide} (a full-size segment's OpenVPN datagram is larger than its {DinosaurTopology.SbcUplinkMtu}-byte uplink)"));

        static bool Complete(IperfRun r) => r.Error is null && r.BytesReceived >= BulkFloorBytes;
        static string Transfer(IperfRun r) => r.Error is { } e
            ? $"FAILED ({e})"
            : $"{r.BytesReceived} bytes in {BulkSeconds} s (at least {BulkFloorBytes} needed) at {r.MegabitsPerSecond:0.0} Mbit/s, MSS {r.MssBytes?.ToString() ?? "?"}, {r.Retransmits} retransmits";
    }

    private async Task<(int Sent, int Received, string Said)> PingAsync(string node, int size, int count, CancellationToken ct)
    {
        var result = await _w.Net.TryExecAsync(_w.Ns(node), "ping", ["-M", "do", "-s", size.ToString(), "-c", count.ToString(), "-W", "2", "-i", "0.3", BackboneTopology.EchoAddress.ToString()], ct);
        var summary = result.StandardOutput.Split('\n').FirstOrDefault(l => l.Contains("packets transmitted", StringComparison.Ordinal)) ?? string.Empty;
        var numbers = summary.Split(',').Select(p => int.TryParse(p.Trim().Split(' ')[0], out var n) ? n : 0).ToList();
        var said = result.StandardOutput.Split('\n').Concat(result.StandardError.Split('\n'))
            .FirstOrDefault(l => l.Contains("mtu", StringComparison.OrdinalIgnoreCase) || l.Contains("too long", StringComparison.OrdinalIgnoreCase))?.Trim();
        return (numbers.ElementAtOrDefault(0), numbers.ElementAtOrDefault(1), said ?? summary.Trim());
    }

    // ---- `causeway down` ----

    /// <summary>`causeway down` on the VM, then on the sbc: each host equal to its snapshot from before `causeway up`.</summary>
    private async Task<LabCheckResult> DownLeavesNoResidueAsync(CancellationToken ct)
    {
        var vm = await ResidueCheck.RunAsync(Vm, DinosaurCheckNames.DownLeavesNoResidue, DinosaurTopology.VmForeignSysctl, ct);
        var sbc = await ResidueCheck.RunAsync(_w, DinosaurCheckNames.DownLeavesNoResidue, DinosaurTopology.SbcForeignSysctl, ct);
        return new(DinosaurCheckNames.DownLeavesNoResidue, vm.Passed && sbc.Passed, $"VM: {vm.Detail}; sbc: {sbc.Detail}");
    }

    // ---- helpers the fault checks share ----

    /// <summary>Kills the sbc's `causeway up`, starts it again and waits until it is ready.</summary>
    public Task RestartSbcAsync(string why, CancellationToken ct) => RestartGatewayAsync(why, ct);

    /// <summary>After the provider's server was killed: how long until the sbc's `causeway up` says its tunnel is down, and the evidence.</summary>
    public Task<(TimeSpan? Noticed, string Notice)> SbcNoticedProviderDownAsync(CancellationToken ct) => ProviderDownNoticedAsync(ct);

    /// <summary>Starts the VM's `causeway up` (killing any left), waits until it is ready with its access servers, and the phones connected.</summary>
    public async Task RestartVmAsync(string why, CancellationToken ct)
    {
        _w.Progress($"check: restarting the VM's `causeway up` {why}...");
        await Vm.KillAsync(Vm.GatewayProcess, ct);
        Vm.StartGateway();
        var (took, status) = await Vm.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        _w.Progress($"check: VM back after {took.TotalSeconds:0.0} s ({status.Summary})");
        await PhoneNetworks.StartAccessAsync(Vm, _w.Phones, ct);
        await EnsurePhonesConnectedAsync(ct);
    }

    /// <summary>How long until every one of <paramref name="nodes"/> reaches the internet through the provider again, since <paramref name="since"/>.</summary>
    public async Task<(TimeSpan Back, string Evidence)> InternetBackAsync(IReadOnlyList<string> nodes, long since, CancellationToken ct)
    {
        var evidence = new List<string>();
        foreach (var node in nodes)
        {
            var last = await InternetBackThroughProviderAsync(node, $"{node}'s", ct);
            evidence.Add($"{node} after {_w.Time.GetElapsedTime(since).TotalSeconds:0.0} s, seen as {Seen(last.SeenAs)}");
        }

        return (_w.Time.GetElapsedTime(since), string.Join(", ", evidence));
    }

    private Task EnsurePhonesConnectedAsync(CancellationToken ct) => _w.Phones.EnsureConnectedAsync(DinosaurTopology.Phones, restart: false, ct);
}
