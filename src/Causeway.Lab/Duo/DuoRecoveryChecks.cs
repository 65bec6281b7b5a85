using System.Globalization;
using System.Net;
using Causeway.Core.Access;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;

namespace Causeway.Lab.Duo;

/// <summary>
/// How long the phones are without service when a process on the VM dies: `causeway up` itself (SIGKILL, then
/// started again at once, as a service manager would: the access servers outlive it and the new `up` takes them over,
/// so no phone may be disconnected), or one access server's openvpn (SIGKILL: the daemon starts a new one; its
/// clients must reconnect, a TCP one when its connection closes, a UDP one when the pushed ping-restart runs out).
/// Each phone is probed all along: its internet (the echo service, through the provider) and, for the daemon's kill,
/// the overlay (the laptop's echo service, which needs no provider).
/// </summary>
internal sealed class DuoRecoveryChecks(DuoWorld w)
{
    /// <summary>
    /// After a daemon kill, the phones' internet comes back once the new `up` has the provider tunnel up: its start
    /// (overlay, kill switch, PKI check, taking over the servers) plus a provider reconnect, which
    /// `phones-recover-after-provider-restart` allows 10 s.
    /// </summary>
    private static readonly TimeSpan DaemonKillInternetLimit = TimeSpan.FromSeconds(15);

    /// <summary>The overlay needs neither the daemon nor the provider: a gap of a few probes at most.</summary>
    private static readonly TimeSpan DaemonKillOverlayGapLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A TCP phone sees its connection close at once; it then tries UDP first (server-poll-timeout), then TCP again
    /// (connect-retry 1 s, backing off), while the daemon starts a new server (1 s backoff): 15 s is that with room.
    /// </summary>
    private static readonly TimeSpan TcpServerKillLimit = TimeSpan.FromSeconds(AccessTuning.ServerPollTimeoutSeconds + 11);

    /// <summary>A UDP phone hears nothing: it waits out the pushed ping-restart, then needs one handshake.</summary>
    private static readonly TimeSpan UdpServerKillLimit = TimeSpan.FromSeconds(AccessTuning.KeepaliveTimeoutSeconds + 10);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan ProbePause = TimeSpan.FromMilliseconds(200);
    private static readonly IPEndPoint Echo = new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort);
    private static readonly IPEndPoint LaptopEcho = new(BackboneTopology.LaptopOverlayAddress, BackboneTopology.EchoPort);
    private static readonly string Provider = BackboneTopology.ProviderAddress.ToString();
    private static readonly string VmOverlay = BackboneTopology.GatewayOverlayAddress.ToString();

    /// <summary>
    /// SIGKILL of `causeway up`, then a new `up` at once. Passes when each phone keeps its session (the same OpenVPN
    /// process, the same session on the VM, nothing in its log about a restart), reaches the overlay all along, and
    /// has its internet back within <see cref="DaemonKillInternetLimit"/>; and the new `up` took both servers over.
    /// </summary>
    public async Task<LabCheckResult> DaemonKillAsync(CancellationToken ct)
    {
        var gateway = w.State.Process(BackboneProcessNames.Gateway) ?? throw new InvalidOperationException("no `causeway up` process is recorded");
        var servers = ServerPids();
        var before = await SessionsAsync(ct);
        var logOffsets = DuoTopology.Phones.ToDictionary(p => p, p => w.LogLength(PhoneLog(p)));
        var phonePids = DuoTopology.Phones.ToDictionary(p => p, p => w.State.Process(DuoProcessNames.PhoneOpenVpn(p))?.Pid);
        var gatewayLogOffset = w.LogLength(w.Layout.GatewayLog);

        using var probing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var start = w.Time.GetTimestamp();
        var probes = DuoTopology.Phones.SelectMany(p => new[] { Probe(p, Echo, Provider, start, probing.Token), Probe(p, LaptopEcho, VmOverlay, start, probing.Token) }).ToList();
        TimeSpan killedAt, restartedAt;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), w.Time, ct);
            killedAt = w.Time.GetElapsedTime(start);
            await w.KillAsync(BackboneProcessNames.Gateway, ct);
            w.StartGateway();
            restartedAt = w.Time.GetElapsedTime(start);
            await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);

            // Until each phone's internet has answered again (or long enough to say it did not), and a little more.
            await Waiting.TryUntilAsync(
                _ => Task.FromResult(probes.Where(p => p.Target.Equals(Echo)).All(p => p.AnsweredAfter(killedAt) is not null)),
                TimeSpan.FromSeconds(60),
                w.Time,
                ct);
            await Task.Delay(TimeSpan.FromSeconds(2), w.Time, ct);
        }
        finally
        {
            await probing.CancelAsync();
            await Task.WhenAll(probes.Select(p => p.Done));
        }

        var after = await SessionsAsync(ct);
        var serversAfter = ServerPids();
        var tookOver = w.LogSince(w.Layout.GatewayLog, gatewayLogOffset).Contains("took over", StringComparison.Ordinal);
        var keptServers = servers.Count == 2 && servers.All(s => serversAfter.TryGetValue(s.Key, out var pid) && pid == s.Value && w.Processes.IsAlive(pid));
        var passed = keptServers && tookOver;
        var evidence = new List<string>();
        foreach (var phone in DuoTopology.Phones)
        {
            var internet = probes.Single(p => p.Phone == phone && p.Target.Equals(Echo));
            var overlay = probes.Single(p => p.Phone == phone && p.Target.Equals(LaptopEcho));
            var back = internet.AnsweredAfter(killedAt);
            var overlayGap = overlay.LongestGap(killedAt);
            var log = w.LogSince(PhoneLog(phone), logOffsets[phone]);
            string[] restartSigns = ["Initialization Sequence Completed", "SIGUSR1", "Restart pause", "Connection reset", "Inactivity timeout"];
            var restarted = restartSigns.Where(sign => log.Contains(sign, StringComparison.Ordinal)).ToList();
            var samePhoneProcess = phonePids[phone] is { } pid && w.IsRunning(DuoProcessNames.PhoneOpenVpn(phone)) && w.State.Process(DuoProcessNames.PhoneOpenVpn(phone))?.Pid == pid;
            var sameSession = before.GetValueOrDefault(phone) is { } b && b == after.GetValueOrDefault(phone);
            var ok = samePhoneProcess && sameSession && restarted.Count == 0
                && back is { } t && t - killedAt <= DaemonKillInternetLimit && overlayGap <= DaemonKillOverlayGapLimit;
            passed &= ok;
            evidence.Add(
                $"{phone}: session {(sameSession ? $"unchanged ({before[phone]})" : $"CHANGED ({before.GetValueOrDefault(phone) ?? "none"} → {after.GetValueOrDefault(phone) ?? "none"})")}, "
                + $"its OpenVPN {(samePhoneProcess ? "the same process" : "NOT the same process")}, its log {(restarted.Count == 0 ? "without a restart" : $"says {string.Join(", ", restarted.Select(r => $"'{r}'"))}")}; "
                + $"internet {(back is { } b2 ? $"back {Seconds(b2 - killedAt)} after the kill" : "NOT back")} (limit {Seconds(DaemonKillInternetLimit)}; {internet.Summary}); "
                + $"overlay: longest gap {Seconds(overlayGap)} (limit {Seconds(DaemonKillOverlayGapLimit)}; {overlay.Summary})");
        }

        return new(DuoCheckNames.PhonesStayConnectedThroughDaemonKill, passed,
            $"`causeway up` (pid {gateway.Pid}) SIGKILLed at {Seconds(killedAt)} and started again at {Seconds(restartedAt)} (as a service manager would); "
            + $"the access servers {(keptServers ? $"kept running ({Describe(servers)})" : $"did NOT keep running (before {Describe(servers)}, after {Describe(serversAfter)})")} "
            + $"and the new `up` {(tookOver ? "took them over" : "did NOT say it took them over")}; {string.Join("; ", evidence)}");
    }

    /// <summary>
    /// SIGKILL of each access server's openvpn in turn (UDP: the open phone's; TCP: the café phone's). Passes when the
    /// daemon starts a new server, the phone on it has its internet back within its limit, and the other phone's
    /// session is untouched.
    /// </summary>
    public async Task<LabCheckResult> AccessServerKillAsync(CancellationToken ct)
    {
        var passed = true;
        var evidence = new List<string>();
        foreach (var (transport, phone, limit) in new[] { ("udp", DuoTopology.PhoneOpen, UdpServerKillLimit), ("tcp", DuoTopology.PhoneCafe, TcpServerKillLimit) })
        {
            var other = DuoTopology.Phones.Single(p => p != phone);
            var pid = ServerPids().GetValueOrDefault(transport);
            if (pid == 0 || !w.Processes.IsAlive(pid))
            {
                passed = false;
                evidence.Add($"{transport}: no live server (pid file {w.DuoLayout.AccessServerPidFile(transport)})");
                continue;
            }

            var before = await SessionsAsync(ct);
            var logOffset = w.LogLength(PhoneLog(phone));
            using var probing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var start = w.Time.GetTimestamp();
            var affected = Probe(phone, Echo, Provider, start, probing.Token);
            var untouched = Probe(other, Echo, Provider, start, probing.Token);
            TimeSpan killedAt;
            TimeSpan? serverBack;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), w.Time, ct);
                killedAt = w.Time.GetElapsedTime(start);
                await w.Processes.KillAsync(pid, null, w.Time, ct);
                serverBack = await Waiting.TryUntilAsync(
                    async token => ServerPids().GetValueOrDefault(transport) is var next && next != 0 && next != pid && w.Processes.IsAlive(next)
                        && await w.Phones.DeviceExistsAsync(transport == "udp" ? DuoTopology.AccessUdpDevice : DuoTopology.AccessTcpDevice, token),
                    TimeSpan.FromSeconds(30),
                    w.Time,
                    ct);
                await Waiting.TryUntilAsync(_ => Task.FromResult(affected.AnsweredAfter(killedAt) is not null), limit + TimeSpan.FromSeconds(30), w.Time, ct);
                await Task.Delay(TimeSpan.FromSeconds(1), w.Time, ct);
            }
            finally
            {
                await probing.CancelAsync();
                await Task.WhenAll(affected.Done, untouched.Done);
            }

            var after = await SessionsAsync(ct);
            var back = affected.AnsweredAfter(killedAt);
            var log = w.LogSince(PhoneLog(phone), logOffset);
            var why = log.Contains("Inactivity timeout (--ping-restart)", StringComparison.Ordinal) ? "its ping-restart ran out"
                : log.Contains("Connection reset", StringComparison.Ordinal) ? "its connection was reset" : "?";
            var reconnected = log.Contains("Initialization Sequence Completed", StringComparison.Ordinal);
            var otherKept = before.GetValueOrDefault(other) is { } o && o == after.GetValueOrDefault(other);
            var otherGap = untouched.LongestGap(killedAt);
            var ok = back is { } t && t - killedAt <= limit && serverBack is not null && reconnected && otherKept;
            passed &= ok;
            evidence.Add(
                $"{transport} server (pid {pid}) SIGKILLed: the daemon had a new one {(serverBack is { } s ? $"after {Seconds(s)}" : "NOT within 30 s")} (pid {ServerPids().GetValueOrDefault(transport)}); "
                + $"{phone} ({transport}) {(back is { } b ? $"had its internet back after {Seconds(b - killedAt)}" : "did NOT get its internet back")} (limit {Seconds(limit)}): "
                + $"{why}, then {(reconnected ? "a new session" : "NO new session")} ({affected.Summary}); "
                + $"{other}'s session {(otherKept ? "untouched" : "CHANGED")}, longest gap in its internet {Seconds(otherGap)}");
        }

        return new(DuoCheckNames.PhonesRecoverAfterAccessServerKill, passed, string.Join("; ", evidence));
    }

    /// <summary>Each phone's session as the VM lists it (transport and connection time: the same values, the same session).</summary>
    private async Task<Dictionary<string, string>> SessionsAsync(CancellationToken ct)
    {
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var phone in DuoTopology.Phones)
        {
            var client = w.State.AccessClient(DuoTopology.ClientName(phone));
            if (client is not null && await w.Phones.ClientAsync(client.Name, ct) is { Connected: true } listed)
            {
                sessions[phone] = string.Join(", ", listed.Sessions.Select(s => $"{s.Transport} as {s.VirtualAddress} since {s.ConnectedSince}"));
            }
        }

        return sessions;
    }

    /// <summary>The access servers' pids from their pid files, by transport.</summary>
    private Dictionary<string, int> ServerPids()
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var transport in new[] { "udp", "tcp" })
        {
            var file = w.DuoLayout.AccessServerPidFile(transport);
            try
            {
                if (w.Files.Stat(file).Exists && int.TryParse(w.Files.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    pids[transport] = pid;
                }
            }
            catch (IOException)
            {
                // Being rewritten: absent for this read.
            }
        }

        return pids;
    }

    private string PhoneLog(string phone) => w.DuoLayout.PhoneOpenVpnLog(phone, DuoTopology.ClientName(phone));

    /// <summary>The phone's TCP echo to <paramref name="target"/>, answered as <paramref name="expected"/>, again and again.</summary>
    private ProbeSeries Probe(string phone, IPEndPoint target, string expected, long start, CancellationToken stop) =>
        ProbeSeries.Start(
            phone,
            target,
            async token =>
            {
                var result = await w.EchoProbeAsync(phone, target, "tcp", 1, ProbeTimeout, TimeSpan.Zero, token);
                return result.AnsweredAs(expected);
            },
            ProbePause,
            w.Time,
            start,
            stop);

    private static string Describe(Dictionary<string, int> pids) =>
        pids.Count == 0 ? "none" : string.Join(", ", pids.Select(p => $"{p.Key} pid {p.Value}"));

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
