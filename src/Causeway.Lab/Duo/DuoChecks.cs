using System.Globalization;
using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.State;
using Causeway.Lab.Worlds;
using static Causeway.Lab.Probes.ProbeVerdicts;

namespace Causeway.Lab.Duo;

/// <summary>
/// `causeway-lab check duo`: the Duo checks, run in the order of <see cref="DuoCheckNames.All"/>, where each phase
/// sets up the next (phones connected, a client revoked, the provider down, both layers removed while `causeway up`
/// is frozen, the provider back, `causeway up` and then each access server killed (<see cref="DuoRecoveryChecks"/>),
/// the VM reclaimed and restored from its backup (<see cref="DuoRestoreCheck"/>), `causeway down`). The world is put back as it was found.
/// </summary>
internal sealed class DuoChecks(DuoWorld w) : WorldChecks(w)
{
    private const int UdpProbes = 20;
    private const int TcpProbes = 5;
    private static readonly TimeSpan RevocationLimit = TimeSpan.FromSeconds(5);

    /// <summary>How long a revoked client's new attempt is watched for a connection (one takes well under a second here).</summary>
    private static readonly TimeSpan RefusalWatch = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PhoneConnectTimeout = TimeSpan.FromSeconds(90);
    private static readonly IPEndPoint LaptopEcho = new(BackboneTopology.LaptopOverlayAddress, BackboneTopology.EchoPort);

    private readonly DuoRecoveryChecks _recovery = new(w);

    protected override string GatewayLabel => "VM";

    protected override string ReadySubject => "the world";

    protected override IReadOnlyList<string> Order => DuoCheckNames.All;

    protected override string LifetimeCheck => DuoCheckNames.NoLeaksForTheLifeOfTheWorld;

    protected override string CountedOn => DuoTopology.InternetToVm;

    protected override TimeSpan RestoreLimit => TimeSpan.FromMinutes(3);

    private string Vm => w.Ns(DuoTopology.Vm);

    protected override Task WhenReadyAsync(CancellationToken ct) => EnsurePhonesConnectedAsync(restart: false, ct);

    /// <summary>The access servers outlive `causeway up` and the new one takes them over: the phones are still connected.</summary>
    protected override async Task AfterGatewayRestartAsync(CancellationToken ct)
    {
        await DuoBuilder.StartAccessAsync(w, ct);
        await EnsurePhonesConnectedAsync(restart: false, ct);
    }

    protected override async Task RunChecksAsync(CancellationToken ct)
    {
        await Checks.RunAsync(DuoCheckNames.ProfileWorksInStockOpenVpn, ProfileWorksInStockOpenVpnAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhoneConnectsOverTcpWhenUdpBlocked, TcpWhenUdpBlockedAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhoneUsesUdpWhenOpen, UdpWhenOpenAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhoneEgressViaProvider, EgressViaProviderAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhoneDnsViaProvider, DnsViaProviderAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhoneReachesOverlayMember, PhoneReachesOverlayMemberAsync, ct);
        await Checks.RunAsync(DuoCheckNames.OverlayMemberReachesPhone, OverlayMemberReachesPhoneAsync, ct);
        await Checks.RunAsync(DuoCheckNames.VmHostRouteUntouched, VmHostRouteUntouchedAsync, ct);
        await Checks.RunAsync(DuoCheckNames.TunnelInjectionNoLeak, token => new TunnelInjectionCheck(w).RunAsync(DuoCheckNames.TunnelInjectionNoLeak, DuoTopology.PhoneOpen, DuoTopology.InternetToVm, token), ct);
        await Checks.RunAsync(DuoCheckNames.RevokedClientKickedAndRefused, RevokedClientAsync, ct);
        await Checks.RunAsync(DuoCheckNames.KillSwitchProviderDown, ProviderDownAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhonesRecoverAfterProviderRestart, RecoveryAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhonesStayConnectedThroughDaemonKill, _recovery.DaemonKillAsync, ct);
        await Checks.RunAsync(DuoCheckNames.PhonesRecoverAfterAccessServerKill, _recovery.AccessServerKillAsync, ct);
        await Checks.RunAsync(DuoCheckNames.RestoreKeepsPhoneProfiles, new DuoRestoreCheck(w).RunAsync, ct);
        await Checks.RunAsync(DuoCheckNames.DownLeavesNoResidue, DownLeavesNoResidueAsync, ct);
    }

    // ---- the phones' profiles and sessions ----

    private async Task<LabCheckResult> ProfileWorksInStockOpenVpnAsync(CancellationToken ct)
    {
        var version = FirstLine((await w.Net.TryRunAsync("openvpn", ["--version"], ct)).StandardOutput);
        var evidence = new List<string> { $"stock {version}" };
        var passed = version.StartsWith("OpenVPN 2.", StringComparison.Ordinal);
        foreach (var phone in DuoTopology.Phones)
        {
            var client = Client(phone);
            var problems = new List<string>();
            var text = w.Files.ReadAllText(client.ProfilePath);
            if (AccessPhones.Sha256(text) != client.ProfileSha256)
            {
                problems.Add($"{client.ProfilePath} changed since `client add` wrote it");
            }

            problems.AddRange(ProfileProblems(text));
            var process = w.State.Process(DuoProcessNames.PhoneOpenVpn(phone));
            var commandLine = process is null ? null : CommandLine(process.Pid);
            string[] expected = ["openvpn", "--config", client.ProfilePath];
            if (process is null || !w.IsRunning(process.Name) || commandLine is null || !commandLine.SequenceEqual(expected))
            {
                problems.Add($"the phone's OpenVPN is not `{string.Join(' ', expected)}` (pid {process?.Pid}: {(commandLine is null ? "not running" : string.Join(' ', commandLine))})");
            }

            var log = w.DuoLayout.PhoneOpenVpnLog(phone, client.Name);
            var logText = w.Files.Stat(log).Exists ? w.Files.ReadAllText(log) : string.Empty;
            if (!logText.Contains("Initialization Sequence Completed", StringComparison.Ordinal))
            {
                problems.Add("its log has no 'Initialization Sequence Completed'");
            }

            foreach (var bad in new[] { "Options error", "Unrecognized option" })
            {
                if (logText.Contains(bad, StringComparison.Ordinal))
                {
                    problems.Add($"its log says '{bad}'");
                }
            }

            var listed = await w.Phones.ClientAsync(client.Name, ct);
            if (listed is not { Connected: true })
            {
                problems.Add($"the VM does not list it as connected ({listed?.Describe() ?? "not listed"})");
            }

            passed &= problems.Count == 0;
            evidence.Add(problems.Count == 0
                ? $"{phone}: `{string.Join(' ', expected)}` (the profile byte for byte as `client add` wrote it: sha256 {client.ProfileSha256[..12]}…, "
                  + $"{Remotes(text)}, server-poll-timeout {Option(text, "server-poll-timeout")}, inline ca/cert/key/tls-crypt) connected; the VM lists {listed!.Describe()}"
                : $"{phone}: {string.Join("; ", problems)}");
        }

        return new(DuoCheckNames.ProfileWorksInStockOpenVpn, passed, string.Join("; ", evidence));
    }

    /// <summary>What a stock client needs from the profile, and what it must not hold; empty when all is well.</summary>
    private static List<string> ProfileProblems(string text)
    {
        var problems = new List<string>();
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        string[] remotes = [.. lines.Where(l => l.StartsWith("remote ", StringComparison.Ordinal))];
        string[] expected = [$"remote {DuoTopology.PublicAddress} {DuoTopology.AccessUdpPort} udp", $"remote {DuoTopology.PublicAddress} {DuoTopology.AccessTcpPort} tcp"];
        if (!remotes.SequenceEqual(expected))
        {
            problems.Add($"remotes are [{string.Join("; ", remotes)}], expected [{string.Join("; ", expected)}]");
        }

        if (!int.TryParse(Option(text, "server-poll-timeout"), CultureInfo.InvariantCulture, out var poll) || poll > 10)
        {
            problems.Add($"server-poll-timeout is '{Option(text, "server-poll-timeout")}': the TCP fallback would not come within seconds");
        }

        foreach (var block in new[] { "ca", "cert", "key", "tls-crypt" })
        {
            if (!lines.Contains($"<{block}>") || !lines.Contains($"</{block}>"))
            {
                problems.Add($"no inline <{block}>");
            }
        }

        foreach (var needed in new[] { "client", "remote-cert-tls server" })
        {
            if (!lines.Contains(needed))
            {
                problems.Add($"no '{needed}'");
            }
        }

        if (!lines.Any(l => l.StartsWith("verify-x509-name ", StringComparison.Ordinal)))
        {
            problems.Add("no verify-x509-name");
        }

        foreach (var forbidden in new[] { "<connection>", "script-security", "up ", "down ", "auth-user-pass" })
        {
            if (lines.Any(l => l.StartsWith(forbidden, StringComparison.Ordinal)))
            {
                problems.Add($"holds '{forbidden.Trim()}'");
            }
        }

        return problems;
    }

    private async Task<LabCheckResult> TcpWhenUdpBlockedAsync(CancellationToken ct)
    {
        var client = Client(DuoTopology.PhoneCafe);
        var listed = await w.Phones.ClientAsync(client.Name, ct);
        var dropped = (await w.Phones.CafeCountersAsync(ct))[DuoTopology.UdpDropped];
        var phone = await w.Phones.PhoneCountersAsync(DuoTopology.PhoneCafe, ct);
        var log = w.DuoLayout.PhoneOpenVpnLog(DuoTopology.PhoneCafe, client.Name);
        var pollTimeout = w.Files.ReadAllText(log).Contains("Server poll timeout", StringComparison.Ordinal);
        var sessions = listed?.Sessions ?? [];
        var passed = sessions.Count > 0 && sessions.All(s => s.Transport == "tcp")
            && sessions.All(s => s.RealAddress?.StartsWith($"{DuoTopology.CafeAddress}:", StringComparison.Ordinal) == true)
            && dropped > 0;
        return new(DuoCheckNames.PhoneConnectsOverTcpWhenUdpBlocked, passed,
            $"the VM lists {listed?.Describe() ?? $"no client {client.Name}"} (the café's address is {DuoTopology.CafeAddress}); "
            + $"the café's router dropped {dropped} UDP packets; the phone sent {phone[DuoTopology.ToAccessUdp]} packets to UDP {DuoTopology.AccessUdpPort} "
            + $"and {phone[DuoTopology.ToAccessTcp]} to TCP {DuoTopology.AccessTcpPort}; its log {(pollTimeout ? "shows" : "does not show")} the server poll timeout that moved it on to TCP");
    }

    private async Task<LabCheckResult> UdpWhenOpenAsync(CancellationToken ct)
    {
        var client = Client(DuoTopology.PhoneOpen);
        var listed = await w.Phones.ClientAsync(client.Name, ct);
        var phone = await w.Phones.PhoneCountersAsync(DuoTopology.PhoneOpen, ct);
        var sessions = listed?.Sessions ?? [];
        var passed = sessions.Count > 0 && sessions.All(s => s.Transport == "udp")
            && sessions.All(s => s.RealAddress?.StartsWith($"{DuoTopology.PhoneOpenAddress}:", StringComparison.Ordinal) == true);
        return new(DuoCheckNames.PhoneUsesUdpWhenOpen, passed,
            $"the VM lists {listed?.Describe() ?? $"no client {client.Name}"} (the phone is {DuoTopology.PhoneOpenAddress}); "
            + $"the phone sent {phone[DuoTopology.ToAccessUdp]} packets to UDP {DuoTopology.AccessUdpPort} and {phone[DuoTopology.ToAccessTcp]} to TCP {DuoTopology.AccessTcpPort}");
    }

    // ---- where the phones' traffic goes ----

    private async Task<LabCheckResult> EgressViaProviderAsync(CancellationToken ct)
    {
        var window = await PhoneWindowAsync("phones connected, provider up", ct);
        var passed = window.Probes.All(p => p.Answered > 0)
            && window.SeenAs.SequenceEqual([Provider])
            && window.Leaked == 0 && window.CaptureLive && window.LaptopTried;
        return new(DuoCheckNames.PhoneEgressViaProvider, passed,
            $"the internet's echo service saw the phones as {Seen(window.SeenAs)} (the provider is {Provider}, the VM {BackboneTopology.GatewayAddress}); {window.Evidence}");
    }

    private async Task<LabCheckResult> DnsViaProviderAsync(CancellationToken ct)
    {
        var (passed, evidence) = await PhoneOverlayProbes.DnsViaProviderAsync(w, ct);
        return new(DuoCheckNames.PhoneDnsViaProvider, passed, evidence);
    }

    private async Task<LabCheckResult> PhoneReachesOverlayMemberAsync(CancellationToken ct)
    {
        var vmOverlay = BackboneTopology.GatewayOverlayAddress.ToString();
        var (passed, evidence) = await PhoneOverlayProbes.PhonesReachAsync(w, DuoTopology.Phones, LaptopEcho, vmOverlay, ct);
        return new(DuoCheckNames.PhoneReachesOverlayMember, passed,
            $"the laptop's echo service ({LaptopEcho}) answered {evidence}; it saw the phones as the VM's overlay address "
            + $"{vmOverlay} (masquerade_overlay)");
    }

    private async Task<LabCheckResult> OverlayMemberReachesPhoneAsync(CancellationToken ct)
    {
        var scenario = ZeroTier.ZeroTierStandInScenario.Parse(w.Files.ReadAllText(w.Layout.ZeroTierScenario), w.Layout.ZeroTierScenario);
        var managed = scenario.Networks.SelectMany(n => n.Routes)
            .Contains(new Core.ZeroTier.ZeroTierControllerRoute(DuoTopology.AccessPool, BackboneTopology.GatewayOverlayAddress.ToString()));
        var (reached, evidence) = await PhoneOverlayProbes.LaptopReachesPhonesAsync(w, w.Phones, DuoTopology.Phones, BackboneTopology.GatewayOverlayAddress, ct);
        return new(DuoCheckNames.OverlayMemberReachesPhone, reached && managed,
            $"the laptop ({BackboneTopology.LaptopOverlayAddress}) reached the phones' echo services: {evidence}; the phones saw the laptop's own address; "
            + $"the ZeroTier stand-in {(managed ? "lists" : "does NOT list")} the managed route {DuoTopology.AccessPool} via {BackboneTopology.GatewayOverlayAddress} (what installs the laptop's route)");
    }

    private async Task<LabCheckResult> VmHostRouteUntouchedAsync(CancellationToken ct)
    {
        var (untouched, routes) = await HostRoutesAsync(ct);
        var replies = FirstLine((await w.Net.IpAsync("asking the VM's route for its replies to a phone", Vm, "route", "get", DuoTopology.PhoneOpenAddress.ToString(), "from", BackboneTopology.GatewayAddress.ToString())).StandardOutput);
        var uplink = $"via {BackboneTopology.InternetGatewaySide} dev {DuoTopology.VmUplink}";
        var repliesDirect = replies.Contains(uplink, StringComparison.Ordinal);
        // To the host's own echo service: an address no client talks to, so that this is never taken for client traffic.
        var tcp = await w.EchoProbeAsync(DuoTopology.Vm, HostEcho, "tcp", 3, TimeSpan.FromSeconds(2), TimeSpan.Zero, ct);
        var udp = await w.EchoProbeAsync(DuoTopology.Vm, HostEcho, "udp", 3, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct);
        var own = BackboneTopology.GatewayAddress.ToString();
        var serversOwn = (await w.LeakCountersAsync(ct))[DuoTopology.AccessTransport];
        var passed = untouched && repliesDirect
            && tcp.Reached(own) && udp.Reached(own) && serversOwn > 0;
        return new(DuoCheckNames.VmHostRouteUntouched, passed,
            $"{routes}; "
            + $"its own traffic reached the host's echo service ({HostEcho}) as {Describe(tcp)}, {Describe(udp)} (through the tunnel it would be {Provider}); "
            + $"the access servers' replies to a phone route '{replies}', and {DuoTopology.InternetToVm} counted {serversOwn} of their packets on the uplink");
    }

    // ---- a lost phone ----

    private async Task<LabCheckResult> RevokedClientAsync(CancellationToken ct)
    {
        var phone = DuoTopology.PhoneLost;
        var name = $"lost-{w.Time.GetUtcNow():MMddHHmmss}";
        var client = await w.Phones.AddClientAsync(name, phone, ct);
        var processName = DuoProcessNames.PhoneOpenVpn(phone);
        var log = w.DuoLayout.PhoneOpenVpnLog(phone, name);
        try
        {
            // Connected and passing traffic, next to the phones that keep working.
            w.Phones.StartPhone(client);
            var (connectedAfter, listed, address) = await w.Phones.WaitPhoneConnectedAsync(client, PhoneConnectTimeout, ct);
            await Waiting.UntilAsync(
                async token => (await w.EchoProbeAsync(phone, Echo, "tcp", 1, TimeSpan.FromSeconds(1), TimeSpan.Zero, token)).SeenAs.SequenceEqual([Provider]),
                TimeSpan.FromSeconds(30), $"{phone}'s traffic to pass through the VM", w.Time, ct);
            var passing = await w.EchoProbeAsync(phone, Echo, "udp", 5, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct);
            var othersBefore = await OtherSessionsAsync(ct);

            // Revoked: the VM must end its session at once and tell the phone. Watched side by side from the moment
            // `client revoke` starts: the phone told to halt (its log), its tunnel gone, and the VM's client list
            // (which may show the daemon's view of a few seconds ago, so it only has to catch up eventually).
            var haltOffset = w.LogLength(log);
            var started = w.Time.GetTimestamp();
            VmClient? afterRevoke = null;
            var toldTask = SinceAsync(started, _ => Task.FromResult(w.LogSince(log, haltOffset).Contains("Halt command was pushed by server", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), ct);
            var goneTask = SinceAsync(started, async token => await w.Phones.TunnelAddressAsync(phone, token) is null, TimeSpan.FromSeconds(30), ct);
            var said = await w.Phones.Access.RevokeAsync(name, ct);
            var revokeTook = w.Time.GetElapsedTime(started);
            var unlisted = await SinceAsync(
                started,
                async token =>
                {
                    afterRevoke = await w.Phones.ClientAsync(name, token);
                    return afterRevoke is { Connected: false };
                },
                TimeSpan.FromSeconds(30),
                ct);
            var told = await toldTask;
            var gone = await goneTask;
            var exited = await Waiting.TryUntilAsync(_ => Task.FromResult(!w.IsRunning(processName)), TimeSpan.FromSeconds(10), w.Time, ct) is not null;
            var cutOff = await w.EchoProbeAsync(phone, Echo, "tcp", 2, TimeSpan.FromSeconds(1), TimeSpan.Zero, ct);

            // The same profile again, unmodified: the server refuses it.
            var again = await RevokedProfileAttempt.RunAsync(w, client, RefusalWatch, ct);

            // The others were not touched.
            var othersAfter = await OtherSessionsAsync(ct);
            var othersProbes = new List<EchoProbeResult>();
            foreach (var other in DuoTopology.Phones)
            {
                othersProbes.Add(await w.EchoProbeAsync(other, Echo, "tcp", 2, TimeSpan.FromSeconds(2), TimeSpan.Zero, ct));
            }

            var othersKept = othersBefore.Count == DuoTopology.Phones.Count && othersBefore.SequenceEqual(othersAfter)
                && othersProbes.All(p => p.AllAnsweredAs(Provider));

            var passed = passing.Answered > 0
                && told is { } t1 && t1 <= RevocationLimit && gone is { } t2 && t2 <= RevocationLimit && unlisted is not null && !cutOff.SeenAs.Contains(Provider)
                && again.Refused
                && othersKept;
            return new(DuoCheckNames.RevokedClientKickedAndRefused, passed,
                $"added {name} for {phone}, connected as {address} after {connectedAfter.TotalSeconds:0.0} s ({listed.Describe()}), its traffic passing ({Describe(passing)}); "
                + $"`client revoke {name}` took {revokeTook.TotalSeconds:0.00} s ('{said.ReplaceLineEndings("; ")}'); the phone was "
                + $"{(told is { } h ? $"told to halt after {h.TotalSeconds:0.00} s" : "NOT told to halt within 30 s")} and its tunnel was "
                + $"{(gone is { } g ? $"gone after {g.TotalSeconds:0.00} s" : "still up after 30 s")} (limit {RevocationLimit.TotalSeconds:0} s), its OpenVPN {(exited ? "exited" : "kept running")}; "
                + $"the VM's client list showed no session of it after {(unlisted is { } u ? $"{u.TotalSeconds:0.00} s" : "more than 30 s")} ({afterRevoke?.Describe() ?? "not listed"}), "
                + $"and its traffic no longer went through the VM ({Describe(cutOff)}; the phone's own address is {DuoTopology.PhoneLostAddress}); "
                + $"the same profile again: {again.Describe(RefusalWatch)}; "
                + $"the other phones' sessions {(othersKept ? "were untouched" : "CHANGED")} ([{string.Join("; ", othersAfter)}]) and still pass traffic ({string.Join(", ", othersProbes.Select(Describe))})");
        }
        finally
        {
            await w.KillAsync(processName, CancellationToken.None);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; returns the time since <paramref name="started"/> then, or null after the timeout.</summary>
    private async Task<TimeSpan?> SinceAsync(long started, Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, CancellationToken ct) =>
        await Waiting.TryUntilAsync(condition, timeout, w.Time, ct) is null ? null : w.Time.GetElapsedTime(started);

    /// <summary>The other phones' sessions, by name, transport and connection time: the same values mean the same sessions.</summary>
    private async Task<IReadOnlyList<string>> OtherSessionsAsync(CancellationToken ct)
    {
        var all = await w.Phones.Access.ListAsync(ct);
        return
        [
            .. DuoTopology.Phones
                .Select(p => all.LastOrDefault(c => c.Name == Client(p).Name && !c.Revoked))
                .Where(c => c is { Connected: true })
                .Select(c => $"{c!.Name} {string.Join(",", c.Sessions.Select(s => $"{s.Transport} since {s.ConnectedSince}"))}"),
        ];
    }


    // ---- the provider goes away, and comes back ----

    private async Task<LabCheckResult> ProviderDownAsync(CancellationToken ct)
    {
        var pid = w.State.Process(BackboneProcessNames.ProviderOpenVpn)?.Pid;
        await w.KillAsync(BackboneProcessNames.ProviderOpenVpn, ct);
        var justKilled = await PhoneWindowAsync("provider's server just SIGKILLed", ct);

        var (noticed, notice) = await ProviderDownNoticedAsync(ct);
        var reconnecting = await PhoneWindowAsync(noticed is null ? "provider down, VM still says connected" : "provider down, VM reconnecting", ct);

        // The negative control, in the same run: the same measurement with both layers removed must see leaks.
        var control = await NegativeControlAsync(ct);
        var passed = justKilled.SealedShut && reconnecting.SealedShut && control.Passed;
        return new(DuoCheckNames.KillSwitchProviderDown, passed,
            $"the provider's OpenVPN server (pid {pid}) was SIGKILLed; {justKilled.Evidence}; {notice}; {reconnecting.Evidence}; "
            + $"negative control: {(control.Passed ? "the detector saw the leaks" : "FAILED, so 0 proves nothing")} ({DuoCheckNames.LeakDetectorSeesLeaks})");
    }

    /// <summary>
    /// `causeway up` frozen (SIGSTOP: its access servers keep serving the phones, and it cannot repair anything),
    /// both layers removed, forwarding on: the phones' probes must now show up as leaks on i-vm. Then SIGCONT, and
    /// `causeway up` must put both layers back. The window, from SIGSTOP until both layers are back, is recorded in
    /// the lab state (even if it fails), so that the world's whole-life count leaves out the leaks caused here on purpose.
    /// </summary>
    private Task<LabCheckResult> NegativeControlAsync(CancellationToken ct) =>
        w.NegativeControlAsync(DuoCheckNames.LeakDetectorSeesLeaks, NegativeControlWindowAsync, ct);

    private async Task<LabCheckResult> NegativeControlWindowAsync(CancellationToken ct)
    {
        var gateway = w.State.Process(BackboneProcessNames.Gateway)
            ?? throw new InvalidOperationException("no `causeway up` process is recorded");
        LabCheckResult result;
        await w.Processes.SignalAsync(gateway.Pid, UnixSignals.Stop, ct);
        try
        {
            await Waiting.UntilAsync(() => w.Processes.Read(gateway.Pid)?.State == 'T', TimeSpan.FromSeconds(10), "`causeway up` to stop (SIGSTOP)", w.Time, ct);
            await Layers.DeleteNftTableAsync(ct);
            var removed = await Layers.RemoveRouteLayerAsync(ct);
            var forwarding = await w.Net.ReadSysctlAsync(Vm, "net.ipv4.ip_forward", ct);
            if (forwarding != "1")
            {
                await w.Net.SysctlAsync(Vm, "net.ipv4.ip_forward", "1", ct);
            }

            var window = await PhoneWindowAsync("negative control: `causeway up` frozen, both layers removed, tunnel down", ct);
            var passed = window.Leaked > 0 && window.Counts[DuoTopology.LeakFromAccess] > 0 && window.CaptureLive && window.LaptopTried;
            result = new(DuoCheckNames.LeakDetectorSeesLeaks, passed,
                $"`causeway up` (pid {gateway.Pid}) frozen with SIGSTOP, so that its access servers keep serving the phones; removed table inet {BackboneTopology.GatewayNftTable} "
                + $"and the route layer ({removed.Count} rules and routes; net.ipv4.ip_forward was {forwarding}); the detector must see the phones' leaks: {window.Evidence}");
        }
        finally
        {
            await w.Processes.SignalAsync(gateway.Pid, UnixSignals.Continue, CancellationToken.None);
        }

        var repaired = await GatewayLayers.BackAsync([Layers], w.Time, ct);
        result = result with
        {
            Passed = result.Passed && repaired is not null,
            Detail = result.Detail + (repaired is { } r
                ? $"; after SIGCONT, `causeway up` put both layers back within {r.TotalSeconds:0.0} s"
                : "; after SIGCONT, `causeway up` did NOT put both layers back within 30 s"),
        };
        Checks.Record(result);
        return result;
    }

    private async Task<LabCheckResult> RecoveryAsync(CancellationToken ct)
    {
        var started = w.Time.GetTimestamp();
        var ready = await w.StartProviderAndWaitAsync(ct);
        var evidence = new List<string>();
        foreach (var phone in DuoTopology.Phones)
        {
            var last = await InternetBackThroughProviderAsync(phone, $"{phone}'s", ct);
            evidence.Add($"{phone} after {w.Time.GetElapsedTime(started).TotalSeconds:0.0} s, seen as {Seen(last.SeenAs)}");
        }

        var back = w.Time.GetElapsedTime(started);
        var (_, status) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(30), ct);
        return new(DuoCheckNames.PhonesRecoverAfterProviderRestart, back <= RecoveryLimit,
            $"internet back for both phones {back.TotalSeconds:0.0} s after the provider's server was restarted (limit {RecoveryLimit.TotalSeconds:0} s; "
            + $"the server was ready after {ready.TotalSeconds:0.0} s): {string.Join(", ", evidence)}; VM: {status.Summary}");
    }

    // ---- `causeway down` ----

    private Task<LabCheckResult> DownLeavesNoResidueAsync(CancellationToken ct) =>
        ResidueCheck.RunAsync(w, DuoCheckNames.DownLeavesNoResidue, DuoTopology.ForeignSysctl, ct);

    // ---- helpers ----

    /// <summary>
    /// The leak measurement with the phones as senders: counters before, canary, K probes from each phone (UDP then
    /// TCP, into its tunnel), canary, counters after; the canaries are waited for on the counter itself.
    /// </summary>
    private async Task<LeakWindow> PhoneWindowAsync(string label, CancellationToken ct)
    {
        var before = await w.LeakCountersAsync(ct);
        var phonesBefore = new Dictionary<string, NftCounters>(StringComparer.Ordinal);
        foreach (var phone in DuoTopology.Phones)
        {
            phonesBefore[phone] = await w.Phones.PhoneCountersAsync(phone, ct);
        }

        var canaries = 0;
        canaries += await w.CanaryCountedAsync(before, canaries, ct);
        var probes = new List<EchoProbeResult>();
        foreach (var phone in DuoTopology.Phones)
        {
            probes.Add(await w.EchoProbeAsync(phone, Echo, "udp", UdpProbes, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct));
            probes.Add(await w.EchoProbeAsync(phone, Echo, "tcp", TcpProbes, TimeSpan.FromMilliseconds(700), TimeSpan.Zero, ct));
        }

        canaries += await w.CanaryCountedAsync(before, canaries, ct);
        var after = await w.LeakCountersAsync(ct);
        long counted = 0;
        foreach (var phone in DuoTopology.Phones)
        {
            counted += (await w.Phones.PhoneCountersAsync(phone, ct)).Since(phonesBefore[phone])[DuoTopology.ProbesIntoTunnel];
        }

        var window = new LeakWindow(label, DuoTopology.Phones.Count * (UdpProbes + TcpProbes), counted, probes, after.Since(before), canaries, "phones", DuoTopology.InternetToVm);
        w.Progress($"    {window.Evidence}");
        return window;
    }

    private Task EnsurePhonesConnectedAsync(bool restart, CancellationToken ct) => w.Phones.EnsureConnectedAsync(DuoTopology.Phones, restart, ct);

    private LabAccessClient Client(string phone) => w.Phones.Client(phone);

    private string[]? CommandLine(int pid)
    {
        try
        {
            return w.Files.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Option(string profile, string name) =>
        profile.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();

    private static string Remotes(string profile) =>
        string.Join(" then ", profile.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("remote ", StringComparison.Ordinal)));

    private static string Describe(EchoProbeResult r) => $"{r.Answered}/{r.Requested} {r.Protocol} answered as {Seen(r.SeenAs)}";
}
