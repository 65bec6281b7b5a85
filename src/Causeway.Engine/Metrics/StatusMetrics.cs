using Causeway.Engine.Daemon;
using Prometheus;

namespace Causeway.Engine.Metrics;

/// <summary>
/// `/metrics`: the status report (<see cref="StatusReport"/>) in Prometheus's text format, through prometheus-net.
/// Every scrape maps the report as it is into a registry of its own (<see cref="Prometheus.Metrics.NewCustomRegistry"/>): the
/// daemon keeps no metric state besides the report, a client or device that is gone leaves no stale series, and none
/// of prometheus-net's default process and .NET metrics are collected (they come only with its default registry: they
/// would start event listeners in the daemon, cost memory on a small board, and say nothing about Causeway).
/// Names and units follow Prometheus's conventions (`causeway_` prefix, base units, `_total` counters); docs/status.md
/// lists them. Counters that restart (OpenVPN's after a new process, a device's when it is made anew, a session's)
/// are counters all the same: Prometheus's rate() takes a restart for a reset.
/// </summary>
public static class StatusMetrics
{
    /// <summary>Prometheus's text exposition format, version 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public const string Path = "/metrics";

    public static async Task WriteAsync(StatusReport report, DateTimeOffset now, Stream to, CancellationToken cancellationToken)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Record(report, now, Prometheus.Metrics.WithCustomRegistry(registry));
        await registry.CollectAndExportAsTextAsync(to, cancellationToken);
    }

    /// <summary>The text a scrape gets (for tests and for `causeway status`-like tools).</summary>
    public static async Task<string> TextAsync(StatusReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Record(report, now, Prometheus.Metrics.WithCustomRegistry(registry));
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Record(StatusReport report, DateTimeOffset now, MetricFactory metrics)
    {
        metrics.CreateGauge("causeway_info", "Causeway's instance and version; always 1.", "instance", "version")
            .WithLabels(report.Instance, report.Version).Set(1);
        metrics.CreateGauge("causeway_start_time_seconds", "When this `causeway up` started, in Unix seconds.").Set(Seconds(report.StartedAt));
        Tunnel(report.Tunnel, now, metrics);
        Hops(report.Hops, metrics);
        Devices(report.Traffic, metrics);
        KillSwitch(report.KillSwitch, metrics);
        Reconcile(report.Reconcile, metrics);
        Overlay(report.Overlay, metrics);
        Access(report.Access, metrics);
        Reloads(report.Reload, metrics);
        EgressUsage(report.EgressUsage, metrics);
    }

    private static void Tunnel(TunnelStatusReport tunnel, DateTimeOffset now, MetricFactory metrics)
    {
        metrics.CreateGauge("causeway_tunnel_up", "1 while the egress tunnel (to the provider, or to the overlay gateway) is connected, else 0.")
            .Set(tunnel.Connected ? 1 : 0);
        metrics.CreateGauge("causeway_tunnel_state_since_timestamp_seconds", "When the egress tunnel entered its current state, in Unix seconds.")
            .Set(Seconds(tunnel.StateSince));
        metrics.CreateCounter("causeway_tunnel_receive_bytes_total", "Bytes the provider tunnel's OpenVPN process received on its link, overhead included (restarts with each process).")
            .IncTo(tunnel.BytesIn);
        metrics.CreateCounter("causeway_tunnel_transmit_bytes_total", "Bytes the provider tunnel's OpenVPN process sent on its link, overhead included (restarts with each process).")
            .IncTo(tunnel.BytesOut);
        metrics.CreateCounter("causeway_tunnel_reconnects_total", "Reconnects of the egress tunnel since this `causeway up` started.").IncTo(tunnel.Reconnects);
        metrics.CreateCounter("causeway_tunnel_process_starts_total", "OpenVPN launches for the egress tunnel since this `causeway up` started.").IncTo(tunnel.ProcessStarts);
        if (tunnel.LastHandshake is { } handshake)
        {
            metrics.CreateGauge("causeway_tunnel_last_handshake_timestamp_seconds", "When the egress tunnel last (re)connected, in Unix seconds.").Set(Seconds(handshake));
            metrics.CreateGauge("causeway_tunnel_last_handshake_age_seconds", "Seconds since the egress tunnel last (re)connected.")
                .Set(Math.Max(0, Math.Round((now - handshake).TotalSeconds, 3)));
        }
    }

    private static void Hops(HopsReport? hops, MetricFactory metrics)
    {
        if (hops is null)
        {
            return;
        }

        var up = metrics.CreateGauge("causeway_hop_up", "1 while the hop is up (its last probe answered, or its supervisor says connected), else 0.", "hop");
        var state = metrics.CreateGauge("causeway_hop_state", "The hop's state: 1 for the state it is in (up, down or unknown), 0 for the others.", "hop", "state");
        var since = metrics.CreateGauge("causeway_hop_state_since_timestamp_seconds", "When the hop entered its state, in Unix seconds.", "hop");
        var failures = metrics.CreateGauge("causeway_hop_probe_failures", "Probes of the hop lost in a row since the last answered one (down from 3).", "hop");
        var roundTrip = metrics.CreateGauge("causeway_hop_round_trip_seconds", "Round trip of the hop's last answered probe, in seconds.", "hop");
        var relayed = metrics.CreateGauge("causeway_hop_relayed", "1 while ZeroTier relays the hop (no direct path), 0 on a direct path; absent when not known.", "hop");
        foreach (var hop in hops.Items)
        {
            up.WithLabels(hop.Id).Set(hop.State == HopStatusReport.Up ? 1 : 0);
            foreach (var name in new[] { HopStatusReport.Up, HopStatusReport.Down, HopStatusReport.Unknown })
            {
                state.WithLabels(hop.Id, name).Set(hop.State == name ? 1 : 0);
            }

            since.WithLabels(hop.Id).Set(Seconds(hop.Since));
            failures.WithLabels(hop.Id).Set(hop.FailuresInARow);
            if (hop.LastRoundTripMs is { } milliseconds)
            {
                roundTrip.WithLabels(hop.Id).Set(milliseconds / 1000);
            }

            if (hop.Path is { } path)
            {
                relayed.WithLabels(hop.Id).Set(path == "relayed" ? 1 : 0);
            }
        }
    }

    private static void Devices(TrafficReport? traffic, MetricFactory metrics)
    {
        if (traffic is null)
        {
            return;
        }

        string[] labels = ["device", "role", "hop"];
        var present = metrics.CreateGauge("causeway_device_present", "1 while the device exists (a tunnel's is gone while it reconnects), else 0.", labels);
        var receiveBytes = metrics.CreateCounter("causeway_device_receive_bytes_total", "Bytes received on the device, as the kernel counts them since it was made.", labels);
        var transmitBytes = metrics.CreateCounter("causeway_device_transmit_bytes_total", "Bytes sent through the device, as the kernel counts them since it was made.", labels);
        var receivePackets = metrics.CreateCounter("causeway_device_receive_packets_total", "Packets received on the device since it was made.", labels);
        var transmitPackets = metrics.CreateCounter("causeway_device_transmit_packets_total", "Packets sent through the device since it was made.", labels);
        foreach (var device in traffic.Devices)
        {
            string[] values = [device.Device, device.Role, device.Hop ?? device.Transport ?? string.Empty];
            present.WithLabels(values).Set(device.Present ? 1 : 0);
            if (device.Present)
            {
                receiveBytes.WithLabels(values).IncTo(device.ReceivedBytes);
                transmitBytes.WithLabels(values).IncTo(device.SentBytes);
                receivePackets.WithLabels(values).IncTo(device.ReceivedPackets);
                transmitPackets.WithLabels(values).IncTo(device.SentPackets);
            }
        }
    }

    private static void KillSwitch(KillSwitchReport killSwitch, MetricFactory metrics)
    {
        metrics.CreateGauge("causeway_killswitch_route_layer_up", "1 while Causeway's catch-all rule and unreachable default are in place, else 0.")
            .Set(killSwitch.RouteLayer ? 1 : 0);
        metrics.CreateGauge("causeway_killswitch_nft_layer_up", "1 while Causeway's nftables table with its leak rule is in place, else 0.")
            .Set(killSwitch.NftLayer ? 1 : 0);
        var packets = metrics.CreateCounter("causeway_killswitch_dropped_packets_total", "Packets a drop rule of the kill switch dropped since this `causeway up` started (layer forward: forwarded client traffic; host: this host's own stack for client flows).", "rule", "layer");
        var bytes = metrics.CreateCounter("causeway_killswitch_dropped_bytes_total", "Bytes a drop rule of the kill switch dropped since this `causeway up` started.", "rule", "layer");
        foreach (var drop in killSwitch.Drops.IsDefault ? [] : killSwitch.Drops)
        {
            packets.WithLabels(drop.Rule, drop.Layer).IncTo(drop.Packets);
            bytes.WithLabels(drop.Rule, drop.Layer).IncTo(drop.Bytes);
        }
    }

    private static void Reconcile(ReconcileStatusReport reconcile, MetricFactory metrics)
    {
        metrics.CreateGauge("causeway_reconcile_converged", "1 when the host matched the plan at the last reconcile round, else 0.").Set(reconcile.Converged ? 1 : 0);
        metrics.CreateCounter("causeway_reconcile_runs_total", "Reconcile rounds since this `causeway up` started.").IncTo(reconcile.Runs);
        metrics.CreateCounter("causeway_reconcile_repairs_total", "Reconcile rounds that repaired drift someone else made.").IncTo(reconcile.Repairs);
        metrics.CreateCounter("causeway_reconcile_changes_total", "Changes the reconcile loop applied to the host.").IncTo(reconcile.ChangesApplied);
        if (reconcile.LastRun is { } lastRun)
        {
            metrics.CreateGauge("causeway_reconcile_last_run_timestamp_seconds", "When the last reconcile round ran, in Unix seconds.").Set(Seconds(lastRun));
        }
    }

    private static void Overlay(OverlayStatusReport? overlay, MetricFactory metrics)
    {
        if (overlay is null)
        {
            return;
        }

        metrics.CreateGauge("causeway_overlay_stale", "1 when the overlay's last successful read is older than two polls (e.g. zerotier-one does not answer), else 0.")
            .Set(overlay.Stale ? 1 : 0);
        if (overlay.LastContact is { } contact)
        {
            metrics.CreateGauge("causeway_overlay_last_contact_timestamp_seconds", "When the overlay was last read successfully, in Unix seconds.").Set(Seconds(contact));
        }
    }

    private static void Access(AccessStatusReport? access, MetricFactory metrics)
    {
        if (access is null)
        {
            return;
        }

        var up = metrics.CreateGauge("causeway_access_server_up", "1 while the access server listens with its device up, else 0.", "transport");
        var clients = metrics.CreateGauge("causeway_access_clients_connected", "Clients connected to the access server at its last read.", "transport");
        foreach (var server in access.Servers)
        {
            up.WithLabels(server.Transport).Set(server.Up ? 1 : 0);
            clients.WithLabels(server.Transport).Set(server.Clients);
        }

        // A client's sessions on one server (normally one) add up; a new session starts from zero.
        var receive = metrics.CreateCounter("causeway_access_client_receive_bytes_total", "Bytes the access server received from the client in its current session.", "client", "transport");
        var transmit = metrics.CreateCounter("causeway_access_client_transmit_bytes_total", "Bytes the access server sent the client in its current session.", "client", "transport");
        foreach (var session in access.Sessions.GroupBy(s => (s.Name, s.Transport)))
        {
            receive.WithLabels(session.Key.Name, session.Key.Transport).IncTo(session.Sum(s => s.BytesReceived));
            transmit.WithLabels(session.Key.Name, session.Key.Transport).IncTo(session.Sum(s => s.BytesSent));
        }

        if (access.CrlNextUpdate is { } crl)
        {
            metrics.CreateGauge("causeway_access_crl_next_update_timestamp_seconds", "When the access servers' published CRL expires (clients are refused after it), in Unix seconds.")
                .Set(Seconds(crl));
        }
    }

    private static void Reloads(ReloadStatusReport? reload, MetricFactory metrics)
    {
        reload ??= ReloadStatusReport.None;
        var total = metrics.CreateCounter("causeway_config_reloads_total", "Config reloads (SIGHUP) since this `causeway up` started, by result: applied, or refused (the running config stayed).", "result");
        total.WithLabels("applied").IncTo(reload.Count - reload.Failed);
        total.WithLabels("refused").IncTo(reload.Failed);
        if (reload.LastAt is { } at && reload.LastResult is { } result)
        {
            metrics.CreateGauge("causeway_config_last_reload_success", "1 when the last config reload was applied, 0 when it was refused.").Set(result == ReloadStatusReport.Ok ? 1 : 0);
            metrics.CreateGauge("causeway_config_last_reload_timestamp_seconds", "When the last config reload was asked for, in Unix seconds.").Set(Seconds(at));
        }
    }

    private static void EgressUsage(EgressUsageReport? usage, MetricFactory metrics)
    {
        if (usage is null)
        {
            return;
        }

        var egress = metrics.CreateGauge("causeway_egress_month_bytes", "Bytes through the egress device this UTC month, by direction (sent: towards the provider or the gateway).", "direction");
        egress.WithLabels("sent").Set(usage.SentBytes);
        egress.WithLabels("received").Set(usage.ReceivedBytes);
        var client = metrics.CreateGauge("causeway_access_client_month_bytes", "Bytes to and from the access client this UTC month, by direction (sent: by its servers to it).", "client", "direction");
        foreach (var c in usage.Clients)
        {
            client.WithLabels(c.Name, "sent").Set(c.SentBytes);
            client.WithLabels(c.Name, "received").Set(c.ReceivedBytes);
        }

        metrics.CreateGauge("causeway_egress_month_counted_bytes", "This UTC month's bytes counted against the egress budget: sent through the egress device plus sent to access clients.")
            .Set(usage.CountedBytes);
        if (usage.BudgetBytes is { } budget)
        {
            metrics.CreateGauge("causeway_egress_budget_bytes", "[egress] monthly_budget_gb, in bytes.").Set(budget);
        }
    }

    private static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;
}
