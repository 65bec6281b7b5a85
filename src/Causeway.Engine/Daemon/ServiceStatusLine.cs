using System.Globalization;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The one line `systemctl status` shows for the running daemon (STATUS=), from its status report: the egress, the
/// access clients, the kill switch, and what is wrong (a failing reconcile, a refused reload), e.g. "tunnel up since 12:03:05 via 10.8.0.1; 3 clients; kill switch on" or
/// "tunnel reconnecting since 12:05:10 (ping-restart); kill switch holding".
/// </summary>
public static class ServiceStatusLine
{
    private const int MaxDetail = 60;

    /// <param name="egress">What the egress is called: "tunnel", or "gateway 10.222.0.1" for an overlay gateway.</param>
    /// <param name="zone">The host's local time zone: times are shown as the journal shows them.</param>
    public static string Of(StatusReport report, string egress, TimeZoneInfo zone)
    {
        var tunnel = report.Tunnel;
        var since = TimeZoneInfo.ConvertTime(tunnel.StateSince, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var parts = new List<string>(4);
        if (tunnel.Connected)
        {
            parts.Add(tunnel.VpnGateway is { } via && !egress.Contains(via, StringComparison.Ordinal)
                ? $"{egress} up since {since} via {via}"
                : $"{egress} up since {since}");
        }
        else
        {
            var state = tunnel.State switch
            {
                "BackingOff" => "waiting to restart",
                "Exiting" => "stopping",
                var other => other.ToLowerInvariant(),
            };
            parts.Add(tunnel.Detail is { } detail ? $"{egress} {state} since {since} ({Shorten(detail)})" : $"{egress} {state} since {since}");
        }

        if (report.Access is { } access)
        {
            var clients = access.Sessions.Length;
            parts.Add(clients == 1 ? "1 client" : $"{clients} clients");
        }

        var killSwitch = report.KillSwitch;
        parts.Add((killSwitch.RouteLayer, killSwitch.NftLayer) switch
        {
            (true, true) => tunnel.Connected ? "kill switch on" : "kill switch holding",
            (false, true) => "kill switch: route layer MISSING",
            (true, false) => "kill switch: nft layer MISSING",
            _ => "kill switch MISSING",
        });
        if (report.Reconcile is { Converged: false, LastError: { } error })
        {
            parts.Add($"reconcile failing: {Shorten(error)}");
        }

        if (report.Reload is { LastResult: ReloadStatusReport.Refused } reload)
        {
            // Until a reload is applied: the file on disk is not what runs.
            parts.Add($"reload refused: {Shorten(reload.LastError ?? "see the log")}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>One line, not too long: `systemctl status` shows it in a terminal's width.</summary>
    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxDetail ? line : line[..(MaxDetail - 1)] + "…";
    }
}
