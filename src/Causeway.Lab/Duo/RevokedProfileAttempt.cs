using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.State;

namespace Causeway.Lab.Duo;

/// <summary>
/// A revoked client's profile tried again, unmodified, on its phone: the server must refuse it. With tls-crypt the
/// refusal is silent (the client waits out its hand-window of 60 s), so: the handshake reaches the server (its
/// certificate is verified by the phone), then nothing comes of it for longer than any connection takes here (a
/// phone connects in well under a second).
/// </summary>
/// <param name="Reached">How long until the phone's handshake reached the server (its log says VERIFY OK); null if never.</param>
/// <param name="Reconnected">The phone connected after all (its log, or the VM's client list): the revocation failed.</param>
/// <param name="StillRunning">The phone's OpenVPN was still trying at the end of the watch.</param>
/// <param name="Tried">What the phone sent to the access ports meanwhile.</param>
/// <param name="RevokedSeen">A log (the phone's or the VM's) says "certificate revoked".</param>
internal sealed record RevokedProfileAttempt(TimeSpan? Reached, bool Reconnected, bool StillRunning, NftCounters Tried, bool RevokedSeen)
{
    /// <summary>Refused: the server was reached and answered, yet the phone never connected.</summary>
    public bool Refused => Reached is not null && !Reconnected && Tried[DuoTopology.ToAccessUdp] + Tried[DuoTopology.ToAccessTcp] > 0;

    /// <summary>Starts the phone's stock OpenVPN on the client's profile, watches for <paramref name="watch"/>, and kills it again.</summary>
    public static async Task<RevokedProfileAttempt> RunAsync(DuoWorld w, LabAccessClient client, TimeSpan watch, CancellationToken ct)
    {
        var processName = DuoProcessNames.PhoneOpenVpn(client.Node);
        var log = w.DuoLayout.PhoneOpenVpnLog(client.Node, client.Name);
        await w.KillAsync(processName, ct);
        var triedBefore = await w.Phones.PhoneCountersAsync(client.Node, ct);
        var daemonLogOffset = w.LogLength(w.Layout.GatewayLog);
        var againOffset = w.LogLength(log);
        try
        {
            w.Phones.StartPhone(client);
            var listedAgain = false;
            var reached = await Waiting.TryUntilAsync(
                _ => Task.FromResult(w.LogSince(log, againOffset).Contains("VERIFY OK: depth=0", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30),
                w.Time,
                ct);
            await Waiting.TryUntilAsync(
                async token =>
                {
                    listedAgain |= (await w.Phones.ClientAsync(client.Name, token)) is { Connected: true };
                    return listedAgain || w.LogSince(log, againOffset).Contains("Initialization Sequence Completed", StringComparison.Ordinal);
                },
                watch,
                w.Time,
                ct);
            var again = w.LogSince(log, againOffset);
            listedAgain |= (await w.Phones.ClientAsync(client.Name, ct)) is { Connected: true };
            var tried = (await w.Phones.PhoneCountersAsync(client.Node, ct)).Since(triedBefore);
            var revokedSeen = again.Contains("certificate revoked", StringComparison.OrdinalIgnoreCase)
                || w.LogSince(w.Layout.GatewayLog, daemonLogOffset).Contains("certificate revoked", StringComparison.OrdinalIgnoreCase);
            var reconnected = again.Contains("Initialization Sequence Completed", StringComparison.Ordinal) || again.Contains("PUSH_REPLY", StringComparison.Ordinal) || listedAgain;
            return new RevokedProfileAttempt(reached, reconnected, w.IsRunning(processName), tried, revokedSeen);
        }
        finally
        {
            await w.KillAsync(processName, CancellationToken.None);
        }
    }

    /// <summary>The evidence: "its handshake reached the server after 0.4 s, then 15 s without a connection (…)".</summary>
    public string Describe(TimeSpan watch) =>
        $"{(Reached is { } r ? $"its handshake reached the server after {r.TotalSeconds:0.0} s" : "its handshake NEVER reached the server")}, then "
        + $"{(Reconnected ? "it CONNECTED" : $"{watch.TotalSeconds:0} s without a connection")} (OpenVPN {(StillRunning ? "still waiting" : "gave up")}; "
        + $"{Tried[DuoTopology.ToAccessUdp]} packets to UDP {DuoTopology.AccessUdpPort}, {Tried[DuoTopology.ToAccessTcp]} to TCP {DuoTopology.AccessTcpPort}"
        + $"{(RevokedSeen ? "; the server logged 'certificate revoked'" : string.Empty)})";
}
