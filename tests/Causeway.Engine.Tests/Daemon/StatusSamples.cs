using Causeway.Engine.Daemon;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>Status reports with every part filled in, as a Duo gateway's daemon publishes them.</summary>
internal static class StatusSamples
{
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static StatusReport Full() => new StatusReport(
        "causeway",
        4242,
        "1.2.3",
        Now.AddHours(-1),
        new TunnelStatusReport("Connected", true, Now.AddMinutes(-10), "SUCCESS", "10.8.0.2", "10.8.0.1", "198.51.100.2:1194", ["10.8.0.1"], 123_456, 654_321, 2, 3, "ping-restart")
        {
            LastHandshake = Now.AddMinutes(-10),
        },
        new OverlayStatusReport("zt2nvuuqiv", ["10.222.0.0/24"], ["10.222.0.1"],
            new ZeroTierStatusReport("2f5042fc3b08bd2e", "home", "OK", "fa8d1d33a9", true, "ok"), Now, false, null, null),
        new ReconcileStatusReport(true, Now, 1800, 1, 40, null, ["+ rule"]),
        new KillSwitchReport(true, true, 17, 2)
        {
            Drops =
            [
                new DropCounterReport("drop-client-other", "forward", DropCounterReport.ForwardLayer, 15, 1500),
                new DropCounterReport("drop-client-ipv6", "forward", DropCounterReport.ForwardLayer, 2, 160),
                new DropCounterReport("drop-egress-to-host", "host-input", DropCounterReport.HostLayer, 2, 120),
            ],
        },
        new AccessStatusReport(
            "vpn.example.net",
            [
                new AccessServerStatusReport("udp", 1194, "tuncw-udp", "10.9.0.0/25", "Connected", true, Now.AddHours(-1), "SUCCESS", 1, null, 1),
                new AccessServerStatusReport("tcp", 443, "tuncw-tcp", "10.9.0.128/25", "BackingOff", false, Now.AddSeconds(-3), "restarting in 2 s", 4, "exited with 1: TCP: accept(203.0.113.34:50123) failed", 0),
            ],
            [
                new AccessSessionStatusReport("phone", "udp", "10.9.0.2", Now.AddMinutes(-5), 10_000, 500_000)
                {
                    BytesReceivedPerSecond = 120.5,
                    BytesSentPerSecond = 4_800,
                },
            ],
            Now,
            ["the tcp server: connecting to [2001:db8::34]:443 refused"],
            Now.AddDays(30)),
        new HopsReport("all hops up", null,
        [
            new HopStatusReport("tunnel", "this host → provider over OpenVPN (tuncw0)", "provider", "up", Now.AddMinutes(-10), null, 0, null, "look"),
            new HopStatusReport("internet", "internet through the provider", "internet", "down", Now.AddSeconds(-9), 23.456, 4, null, "look"),
        ]))
    {
        Traffic = new TrafficReport(Now, 2.0,
        [
            new TrafficDeviceReport("tuncw0", TrafficDeviceReport.EgressRole, "tunnel", null, true, 9_000_000, 1_000_000, 7_000, 5_000, 20_000, 2_000, 2_000, 20_000),
            new TrafficDeviceReport("zt2nvuuqiv", TrafficDeviceReport.OverlayRole, null, null, true, 800_000, 8_500_000, 4_000, 6_500, 1_500, 18_000, 1_500, 18_000),
            new TrafficDeviceReport("tuncw-udp", TrafficDeviceReport.AccessRole, null, "udp", true, 10_000, 500_000, 100, 400, 120.5, 4_800, 120.5, 4_800),
            new TrafficDeviceReport("tuncw-tcp", TrafficDeviceReport.AccessRole, null, "tcp", false, 0, 0, 0, 0, null, null, null, null),
        ])
        {
            History = [new TrafficPoint(Now.AddSeconds(-2), null, null), new TrafficPoint(Now, 2_000, 20_000)],
        },
        EgressUsage = new EgressUsageReport("2026-12", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Now, "tuncw0", 5_000_000_000, 40_000_000_000,
            [new ClientUsageReport("phone", 3_000_000_000, 200_000_000)], 8_000_000_000, 10_000_000_000, 80.0, [80],
            "egress budget 80% used: 8 GB sent in 2026-12 (UTC), 80% of [egress] monthly_budget_gb = 10"),
    };
}
