using System.Net;
using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Gateway;
using Causeway.Engine.Tests.ZeroTier;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Gateway;

/// <summary>
/// The VM's reading of its overlay gateway's hops, over a stub HTTP handler: each <see cref="GatewayStatusWatch.ReadOnceAsync"/>
/// is one reading, as its loop makes every <see cref="GatewayStatusWatch.ReadInterval"/>.
/// </summary>
public sealed class GatewayStatusWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Gateway = IPAddress.Parse("10.222.0.1");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly TestLogger<GatewayStatusWatch> _logger = new();
    private readonly StatusBoard _status = new(Report("vm", hops: null));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StatusReport Report(string instance, HopsReport? hops) => new(
        instance, 1, "0.0.0", Start, new TunnelStatusReport("Connected", true, Start, null, null, null, null, [], 0, 0, 0, 0, null),
        null, new ReconcileStatusReport(true, Start, 1, 0, 0, null, []), new KillSwitchReport(true, true, 0), Hops: hops);

    private static readonly HopsReport SbcHops = new(
        "this host → provider over OpenVPN (tuncw0): down since 12:00:00",
        "tunnel",
        [
            new HopStatusReport("tunnel", "this host → provider over OpenVPN (tuncw0)", "provider", HopStatusReport.Down, Start, null, 0, null, "OpenVPN's lines"),
            new HopStatusReport("internet", "internet through the provider", "internet", HopStatusReport.Unknown, Start, null, 0, null, "the probe's target"),
        ]);

    private static StubHandler Sbc(HttpStatusCode code = HttpStatusCode.OK) =>
        StubHandler.Answering(code, JsonSerializer.Serialize(Report("sbc", SbcHops), DaemonJsonContext.Default.StatusReport));

    private GatewayStatusWatch Watch(StubHandler handler, int? port = 9477) => new(Gateway, port, _status, _time, _logger, handler);

    [Fact]
    public async Task The_gateways_hops_and_name_are_published_from_its_status_listener()
    {
        var handler = Sbc();
        await using var watch = Watch(handler);

        await watch.ReadOnceAsync(Ct);

        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Get, "http://10.222.0.1:9477/v1/status"), (request.Method, request.RequestUri!.ToString()));
        var gateway = _status.Current.Gateway!;
        Assert.Equal(("10.222.0.1:9477", (DateTimeOffset?)Start, (string?)null, "sbc"), (gateway.Source, gateway.ReadAt, gateway.Error, gateway.Instance));
        Assert.Equal(["tunnel", "internet"], gateway.Hops!.Items.Select(h => h.Id));
        Assert.Equal(HopStatusReport.Down, gateway.Hops.Items[0].State);
        Assert.Equal("tunnel", gateway.Hops.FirstFailed);
    }

    [Fact]
    public async Task A_failed_reading_clears_the_hops_says_why_since_when_and_is_logged_once_until_it_answers_again()
    {
        var answer = HttpStatusCode.OK;
        var body = JsonSerializer.Serialize(Report("sbc", SbcHops), DaemonJsonContext.Default.StatusReport);
        var handler = new StubHandler(_ => new HttpResponseMessage(answer) { Content = new StringContent(body) });
        await using var watch = Watch(handler);
        await watch.ReadOnceAsync(Ct);

        answer = HttpStatusCode.ServiceUnavailable;
        _time.Advance(TimeSpan.FromSeconds(2));
        await watch.ReadOnceAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        await watch.ReadOnceAsync(Ct);

        var failing = _status.Current.Gateway!;
        Assert.Null(failing.Hops);
        Assert.Contains("503", failing.Error, StringComparison.Ordinal);
        Assert.Equal((Start, Start.AddSeconds(2), "sbc"), (failing.ReadAt, failing.FailingSince, failing.Instance));
        Assert.Single(_logger.Lines, l => l.Contains("reading the gateway's status", StringComparison.Ordinal));

        answer = HttpStatusCode.OK;
        _time.Advance(TimeSpan.FromSeconds(2));
        await watch.ReadOnceAsync(Ct);

        var back = _status.Current.Gateway!;
        Assert.Equal(((string?)null, (DateTimeOffset?)null, (DateTimeOffset?)Start.AddSeconds(6)), (back.Error, back.FailingSince, back.ReadAt));
        Assert.NotNull(back.Hops);
        Assert.Single(_logger.Lines, l => l.Contains("answers again", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("null")]
    public async Task An_answer_that_is_not_a_status_is_a_failed_reading(string body)
    {
        await using var watch = Watch(StubHandler.Answering(HttpStatusCode.OK, body));

        await watch.ReadOnceAsync(Ct);

        Assert.NotNull(_status.Current.Gateway!.Error);
        Assert.Null(_status.Current.Gateway.Hops);
    }

    [Fact]
    public async Task An_answer_larger_than_any_status_is_refused_unread()
    {
        await using var watch = Watch(StubHandler.Answering(HttpStatusCode.OK, new string(' ', GatewayStatusWatch.MaxResponseBytes + 1)));

        await watch.ReadOnceAsync(Ct);

        Assert.Contains("larger than", _status.Current.Gateway!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_port_nothing_is_read_and_a_reload_that_removes_it_clears_the_status()
    {
        var handler = Sbc();
        await using var watch = Watch(handler, port: null);
        await watch.ReadOnceAsync(Ct);
        Assert.Empty(handler.Requests);
        Assert.Null(_status.Current.Gateway);

        watch.Reconfigure(Gateway, 9477);
        Assert.Equal("10.222.0.1:9477", _status.Current.Gateway!.Source);
        await watch.ReadOnceAsync(Ct);
        Assert.NotNull(_status.Current.Gateway!.Hops);

        watch.Reconfigure(Gateway, null);
        Assert.Null(_status.Current.Gateway);
    }
}
