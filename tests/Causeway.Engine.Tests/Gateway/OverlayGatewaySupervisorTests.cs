using System.Net;
using Causeway.Core.Tunnel;
using Causeway.Engine.Gateway;
using Xunit;

namespace Causeway.Engine.Tests.Gateway;

/// <summary>The watch on an overlay gateway: connected while it answers, down since the first of three lost echoes.</summary>
public sealed class OverlayGatewaySupervisorTests : IAsyncLifetime
{
    private static readonly IPAddress Sbc = IPAddress.Parse("10.222.0.5");
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly TimerDrivenClock _clock = new();
    private readonly ScriptedTunnelProbe _probe = new();
    private readonly TestLogger<OverlayGatewaySupervisor> _log = new();
    private readonly OverlayGatewaySupervisor _supervisor;

    public OverlayGatewaySupervisorTests()
    {
        _supervisor = new OverlayGatewaySupervisor(Sbc, _probe, Interval, _clock, _log);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _supervisor.DisposeAsync();

    /// <summary>Lets one echo happen: advances the clock one interval (the first echo needs none) and waits for it.</summary>
    private async Task EchoAsync(bool advance = true)
    {
        if (advance)
        {
            _clock.Fake.Advance(Interval);
        }

        await _probe.Calls.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    private async Task<TunnelStatus> UntilAsync(Func<TunnelStatus, bool> wanted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!wanted(_supervisor.Current))
        {
            await _supervisor.Updates.WaitToReadAsync(timeout.Token);
            _supervisor.Updates.TryRead(out _);
        }

        return _supervisor.Current;
    }

    [Fact]
    public async Task It_connects_when_the_gateway_answers_its_first_echo()
    {
        await _supervisor.StartAsync(TestContext.Current.CancellationToken);
        await EchoAsync(advance: false);

        var status = await UntilAsync(s => s.State == TunnelState.Connected);

        Assert.True(status.ToFacts().Connected);
        Assert.Equal(1, status.ConnectionGeneration);
        Assert.Equal(Sbc, status.VpnGateway);
        Assert.Null(status.LocalAddress);
    }

    [Fact]
    public async Task Three_lost_echoes_in_a_row_take_it_down_since_the_first_and_an_answer_brings_it_back()
    {
        _probe.Answers = true;
        await _supervisor.StartAsync(TestContext.Current.CancellationToken);
        await EchoAsync(advance: false);
        await UntilAsync(s => s.State == TunnelState.Connected);

        _probe.Answers = false;
        await EchoAsync();
        var firstLost = _clock.GetUtcNow();
        await EchoAsync();
        Assert.Equal(TunnelState.Connected, _supervisor.Current.State);
        await EchoAsync();
        var down = await UntilAsync(s => s.State != TunnelState.Connected);

        Assert.Equal(TunnelState.Reconnecting, down.State);
        Assert.Equal(firstLost, down.StateSince);
        Assert.False(down.ToFacts().Connected);
        Assert.Equal(1, down.Reconnects);
        Assert.Contains("the gateway 10.222.0.5 has not answered 3 echoes in a row", down.LastError, StringComparison.Ordinal);
        Assert.Contains("zerotier-cli listnetworks", down.LastError, StringComparison.Ordinal);

        _probe.Answers = true;
        await EchoAsync();
        var back = await UntilAsync(s => s.State == TunnelState.Connected);

        Assert.Equal(2, back.ConnectionGeneration);
        Assert.NotNull(back.LastError);
    }

    [Fact]
    public async Task An_echo_that_cannot_be_sent_counts_as_lost_and_its_reason_is_kept()
    {
        _probe.Failure = new IOException("no route to 10.222.0.5");
        await _supervisor.StartAsync(TestContext.Current.CancellationToken);
        await EchoAsync(advance: false);
        await EchoAsync();
        await EchoAsync();

        var down = await UntilAsync(s => s.State == TunnelState.Reconnecting);

        Assert.Contains("(no route to 10.222.0.5)", down.LastError, StringComparison.Ordinal);
        Assert.Equal(0, down.Reconnects);
    }

    [Fact]
    public async Task Stopping_says_stopped_and_completes_the_updates()
    {
        await _supervisor.StartAsync(TestContext.Current.CancellationToken);
        await EchoAsync(advance: false);

        await _supervisor.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TunnelState.Stopped, _supervisor.Current.State);
        var last = await _supervisor.Updates.ReadAllAsync(TestContext.Current.CancellationToken).LastAsync(TestContext.Current.CancellationToken)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(TunnelState.Stopped, last.State);
    }

    [Fact]
    public async Task There_is_no_management_session_to_talk_to_and_nothing_left_running()
    {
        var error = await Assert.ThrowsAsync<IOException>(() => _supervisor.SendCommandAsync("status", TestContext.Current.CancellationToken));

        Assert.Contains("the gateway 10.222.0.5 on the overlay", error.Message, StringComparison.Ordinal);
        Assert.Null(_supervisor.LeftRunningProcessId);
    }
}
