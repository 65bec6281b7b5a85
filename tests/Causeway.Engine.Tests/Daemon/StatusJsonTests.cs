using System.Net;
using System.Text.Json;
using Causeway.Core.Access;
using Causeway.Core.Hops;
using Causeway.Core.Model;
using Causeway.Engine.Daemon;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>The status and control APIs' JSON (source-generated, as the AOT binary writes and reads it).</summary>
public sealed class StatusJsonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static StatusReport Uno() => new(
        "causeway", 42, "1.0.0", Now, new TunnelStatusReport("Connected", true, Now, "SUCCESS", "10.8.0.2", "10.8.0.1", "198.51.100.2:1194", ["10.8.0.1"], 1, 2, 0, 1, null),
        null, new ReconcileStatusReport(true, Now, 3, 0, 12, null, []), new KillSwitchReport(true, true, 0));

    [Fact]
    public void The_access_section_is_written_in_camel_case_beside_the_existing_fields()
    {
        var report = Uno() with
        {
            Access = new AccessStatusReport(
                "vpn.example.net",
                [new AccessServerStatusReport("udp", 1194, "tuncw-udp", "10.9.0.0/25", "Connected", true, Now, "SUCCESS", 1, null, 1)],
                [new AccessSessionStatusReport("phone", "udp", "10.9.0.2", Now, 1234, 5678)],
                Now,
                [],
                Now.AddDays(90)),
        };

        var json = JsonSerializer.Serialize(report, DaemonJsonContext.Default.StatusReport);
        using var document = JsonDocument.Parse(json);
        var access = document.RootElement.GetProperty("access");

        Assert.Equal("Connected", document.RootElement.GetProperty("tunnel").GetProperty("state").GetString());
        Assert.Equal("vpn.example.net", access.GetProperty("serverHost").GetString());
        Assert.True(access.GetProperty("servers")[0].GetProperty("up").GetBoolean());
        Assert.Equal(5678, access.GetProperty("sessions")[0].GetProperty("bytesSent").GetInt64());
        var back = JsonSerializer.Deserialize(json, DaemonJsonContext.Default.StatusReport)!.Access!;
        Assert.Equal(report.Access.Servers, back.Servers);
        Assert.Equal(report.Access.Sessions, back.Sessions);
        Assert.Equal((report.Access.ServerHost, report.Access.SessionsReadAt, report.Access.CrlNextUpdate), (back.ServerHost, back.SessionsReadAt, back.CrlNextUpdate));
    }

    [Fact]
    public void Without_access_the_section_is_null_and_a_report_from_before_it_still_reads()
    {
        var json = JsonSerializer.Serialize(Uno(), DaemonJsonContext.Default.StatusReport);
        using var document = JsonDocument.Parse(json);
        var withoutKey = json.Replace(",\n  \"access\": null", string.Empty, StringComparison.Ordinal);

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("access").ValueKind);
        Assert.DoesNotContain("\"access\"", withoutKey, StringComparison.Ordinal);
        Assert.Null(JsonSerializer.Deserialize(withoutKey, DaemonJsonContext.Default.StatusReport)!.Access);
    }

    [Fact]
    public void The_overlay_says_when_it_was_last_read_and_what_is_wrong_and_a_report_from_before_still_reads()
    {
        var overlay = new OverlayStatusReport(
            "zt2nvuuqiv",
            ["10.222.0.0/24"],
            ["10.222.0.1"],
            new ZeroTierStatusReport("2f5042fc3b08bd2e", "zt-acceptance", "OK", "fa8d1d33a9", true, "ok"),
            LastContact: Now,
            Stale: true,
            Problem: "ZeroTier API unreachable since 12:00:02: zerotier-one is not running on 127.0.0.1:9993",
            ProblemSince: Now.AddSeconds(2));

        var json = JsonSerializer.Serialize(Uno() with { Overlay = overlay }, DaemonJsonContext.Default.StatusReport);
        using var document = JsonDocument.Parse(json);
        var written = document.RootElement.GetProperty("overlay");
        var before = """{"interface":"zt2nvuuqiv","subnets":["10.222.0.0/24"],"addresses":["10.222.0.1"],"zeroTier":null}""";

        Assert.True(written.GetProperty("stale").GetBoolean());
        Assert.Equal(Now, written.GetProperty("lastContact").GetDateTimeOffset());
        Assert.StartsWith("ZeroTier API unreachable since", written.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(overlay, JsonSerializer.Deserialize(json, DaemonJsonContext.Default.StatusReport)!.Overlay! with
        {
            Subnets = overlay.Subnets,
            Addresses = overlay.Addresses,
        });
        var old = JsonSerializer.Deserialize(before, DaemonJsonContext.Default.OverlayStatusReport)!;
        Assert.Equal((false, (DateTimeOffset?)null, (string?)null), (old.Stale, old.LastContact, old.Problem));
    }

    [Fact]
    public void The_hops_are_written_exactly_as_docs_status_md_promises()
    {
        var gateway = EgressHops.Gateway(IPAddress.Parse("10.147.17.5"), zeroTier: true, "zt2nvuuqiv", new HopHealth(HopState.Up, Now, 0, null, null), PeerPath.Relayed);
        var internet = EgressHops.Internet(gateway, IPAddress.Parse("9.9.9.9"), new HopHealth(HopState.Down, Now.AddSeconds(12), 3, Now.AddSeconds(12), TimeSpan.FromMicroseconds(23456)));
        var report = Uno() with { Hops = HopsReport.Of(EgressHops.Chain(gateway, internet), TimeZoneInfo.Utc) };

        var json = JsonSerializer.Serialize(report, DaemonJsonContext.Default.StatusReport);
        using var document = JsonDocument.Parse(json);
        var hops = document.RootElement.GetProperty("hops");
        var items = hops.GetProperty("items");

        Assert.Equal(["summary", "firstFailed", "items"], hops.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["id", "name", "reached", "state", "since", "lastRoundTripMs", "failuresInARow", "path", "lookNext"],
            items[0].EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("gateway 10.147.17.5 reachable; internet through the gateway: down since 12:00:12 (", hops.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("internet", hops.GetProperty("firstFailed").GetString());
        Assert.Equal(["gateway", "internet"], items.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["up", "down"], items.EnumerateArray().Select(i => i.GetProperty("state").GetString()));
        Assert.Equal("relayed", items[0].GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("path").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("lastRoundTripMs").ValueKind);
        Assert.Equal(23.456, items[1].GetProperty("lastRoundTripMs").GetDouble());
        Assert.Equal(3, items[1].GetProperty("failuresInARow").GetInt32());
        Assert.Equal(Now.AddSeconds(12), items[1].GetProperty("since").GetDateTimeOffset());
        Assert.Equal("gateway 10.147.17.5", items[0].GetProperty("reached").GetString());
        Assert.Equal(report.Hops, JsonSerializer.Deserialize(json, DaemonJsonContext.Default.StatusReport)!.Hops! with { Items = report.Hops.Items });
        Assert.Equal(report.Hops.Items, JsonSerializer.Deserialize(json, DaemonJsonContext.Default.StatusReport)!.Hops!.Items);
    }

    [Fact]
    public void A_report_from_a_daemon_before_the_hops_still_reads()
    {
        var json = JsonSerializer.Serialize(Uno(), DaemonJsonContext.Default.StatusReport);
        var withoutKey = json.Replace(",\n  \"hops\": null", string.Empty, StringComparison.Ordinal);

        Assert.DoesNotContain("\"hops\"", withoutKey, StringComparison.Ordinal);
        Assert.Null(JsonSerializer.Deserialize(withoutKey, DaemonJsonContext.Default.StatusReport)!.Hops);
    }

    [Fact]
    public void A_control_session_carries_an_access_session_both_ways()
    {
        var session = new AccessSession(AccessTransport.Tcp, "phone", 9, "10.200.1.2:40000", IPAddress.Parse("10.9.0.130"), Now, 100, 200);
        var report = ControlSessionsReport.From(new Engine.Access.AccessSessionsReport([session], ["the udp server: not running"]));

        var json = JsonSerializer.Serialize(report, DaemonJsonContext.Default.ControlSessionsReport);
        var back = JsonSerializer.Deserialize(json, DaemonJsonContext.Default.ControlSessionsReport)!.ToReport();

        Assert.Contains("\"transport\": \"tcp\"", json, StringComparison.Ordinal);
        Assert.Equal(session, Assert.Single(back.Sessions));
        Assert.Equal(["the udp server: not running"], back.Unreachable);
    }

    [Fact]
    public void The_kill_path_names_the_client()
    {
        Assert.Equal("/v1/access/clients/anna-phone/kill", ControlApi.KillPath("anna-phone"));
    }
}
