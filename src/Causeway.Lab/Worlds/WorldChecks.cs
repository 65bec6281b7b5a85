using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.Status;
using static Causeway.Lab.Probes.ProbeVerdicts;

namespace Causeway.Lab.Worlds;

/// <summary>
/// What every world's `lab check` does around its own checks: wait until the world is ready, run the checks (the
/// world's, in its order), put the world back as it was found even when interrupted (provider running, `causeway up`
/// running and not frozen if it was), and last, with the world put back, `no-leaks-for-the-life-of-the-world`. Also
/// the steps several checks share: restarting `causeway up`, waiting for it to notice the provider is gone, waiting
/// for a node's internet to come back through the provider.
/// </summary>
internal abstract class WorldChecks(RunningWorld w)
{
    protected static readonly IPEndPoint Echo = new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort);
    protected static readonly IPEndPoint HostEcho = new(BackboneTopology.HostEchoAddress, BackboneTopology.EchoPort);
    protected static readonly string Provider = BackboneTopology.ProviderAddress.ToString();

    protected LabCheckRecorder Checks { get; } = new(w.Progress);

    protected GatewayLayers Layers { get; } = new(w);

    /// <summary>How the evidence names the node that runs `causeway up` ("gateway", "VM").</summary>
    protected abstract string GatewayLabel { get; }

    /// <summary>What was not ready, when something was not ("the gateway", "the world").</summary>
    protected abstract string ReadySubject { get; }

    /// <summary>The world's checks, in the order the report lists them.</summary>
    protected abstract IReadOnlyList<string> Order { get; }

    /// <summary>The name of the world's `no-leaks-for-the-life-of-the-world`.</summary>
    protected abstract string LifetimeCheck { get; }

    /// <summary>Where the leak counters are, for the evidence ("i-sbc", "i-vm").</summary>
    protected abstract string CountedOn { get; }

    /// <summary>How long putting the world back may take.</summary>
    protected abstract TimeSpan RestoreLimit { get; }

    /// <summary>The world's checks, in order, each recorded in <see cref="Checks"/>.</summary>
    protected abstract Task RunChecksAsync(CancellationToken ct);

    /// <summary>What else must be up before the checks begin, once `causeway up` is ready (Duo: the phones).</summary>
    protected virtual Task WhenReadyAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>What else must be back after `causeway up` was restarted (Duo: the access servers, the phones).</summary>
    protected virtual Task AfterGatewayRestartAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>What else to put back once the gateway is (Dinosaur: the VM's overlay and its `causeway up`).</summary>
    protected virtual Task RestoreMoreAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<LabCheckReport> RunAsync(CancellationToken ct)
    {
        var gatewayWasRunning = w.IsRunning(w.GatewayProcess);
        string? notReady = null;
        try
        {
            var (took, status) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
            w.Progress($"check: {GatewayLabel} ready ({status.Summary}, waited {took.TotalSeconds:0.0} s)");
            await WhenReadyAsync(ct);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            notReady = $"{ReadySubject} was not ready when the checks began: {e.Message}";
            w.Progress($"check: {notReady}");
        }

        try
        {
            await RunChecksAsync(ct);
        }
        finally
        {
            // Even when interrupted: a world left with its provider killed, `causeway up` frozen or its layers
            // removed would mislead whoever looks at it next.
            using var restoring = new CancellationTokenSource(RestoreLimit);
            await RestoreAsync(gatewayWasRunning, restoring.Token);
        }

        // Last, with the world put back: everything since `lab up`, this run's restoring included.
        await Checks.RunAsync(LifetimeCheck, token => LifetimeLeakCheck.RunAsync(w, LifetimeCheck, CountedOn, token), ct);
        return Checks.Report(w.World.Name, Order, notReady);
    }

    /// <summary>Kills `causeway up`, starts it again and waits until it is ready (and whatever else the world needs back).</summary>
    protected async Task RestartGatewayAsync(string why, CancellationToken ct)
    {
        w.Progress($"check: restarting `causeway up` {why}...");
        await w.KillAsync(w.GatewayProcess, ct);
        w.StartGateway();
        var (took, status) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        w.Progress($"check: {GatewayLabel} back after {took.TotalSeconds:0.0} s ({status.Summary})");
        await AfterGatewayRestartAsync(ct);
    }

    /// <summary>
    /// After the provider's server was killed: waits (60 s at most) until `causeway up` says its tunnel is down; returns
    /// how long that took (null if it did not) and the evidence.
    /// </summary>
    protected async Task<(TimeSpan? Noticed, string Notice)> ProviderDownNoticedAsync(CancellationToken ct)
    {
        GatewayStatus? last = null;
        var noticed = await Waiting.TryUntilAsync(
            async token =>
            {
                (last, _) = await w.GatewayStatusAsync(token);
                return last is { IsConnected: false };
            },
            TimeSpan.FromSeconds(60),
            w.Time,
            ct);
        return (noticed, noticed is { } n
            ? $"the {GatewayLabel} noticed after {n.TotalSeconds:0.0} s more (tunnel {last?.Tunnel?.State})"
            : $"the {GatewayLabel} did not notice within 60 s (tunnel {last?.Tunnel?.State ?? "?"})");
    }

    /// <summary>
    /// The gateway's default routes (before `causeway up` and now) and its own routes to the echo service: untouched
    /// when they are the same and both families go straight out of its uplink; and the evidence.
    /// </summary>
    protected Task<(bool Untouched, string Evidence)> HostRoutesAsync(CancellationToken ct) => HostRoutesAsync(w, GatewayLabel, ct);

    /// <summary>Like <see cref="HostRoutesAsync(CancellationToken)"/>, on any host that runs `causeway up` (<see cref="RunningWorld.OnHost"/>).</summary>
    protected static async Task<(bool Untouched, string Evidence)> HostRoutesAsync(RunningWorld w, string label, CancellationToken ct)
    {
        var gateway = w.Ns(w.GatewayNode);
        var uplink = w.Uplink;
        var before = w.HostDefaultRoutes;
        var now = await WorldBuilder.DefaultRoutesAsync(w, ct);
        var get4 = FirstLine((await w.Net.IpAsync($"asking the {label}'s route to the echo service", gateway, "route", "get", BackboneTopology.EchoAddress.ToString())).StandardOutput);
        var get6 = FirstLine((await w.Net.IpAsync($"asking the {label}'s IPv6 route to the echo service", gateway, "-6", "route", "get", BackboneTopology.EchoAddress6.ToString())).StandardOutput);
        var direct4 = get4.Contains($"via {uplink.InternetAddress} dev {uplink.Device}", StringComparison.Ordinal);
        var direct6 = get6.Contains($"via {uplink.InternetAddress6} dev {uplink.Device}", StringComparison.Ordinal);
        return (before.Count >= 2 && now.SequenceEqual(before) && direct4 && direct6,
            $"default routes before `causeway up`: [{string.Join("; ", before)}], now: [{string.Join("; ", now)}]; "
            + $"the {label}'s own route to the echo service: '{get4}', '{get6}'");
    }

    /// <summary>Probes the internet's echo service from <paramref name="node"/> until it answers through the provider (60 s at most).</summary>
    /// <param name="whose">Whose internet, for the timeout's message ("the laptop's").</param>
    protected async Task<EchoProbeResult> InternetBackThroughProviderAsync(string node, string whose, CancellationToken ct)
    {
        EchoProbeResult? last = null;
        await Waiting.UntilAsync(
            async token =>
            {
                last = await w.EchoProbeAsync(node, Echo, "tcp", 1, TimeSpan.FromMilliseconds(500), TimeSpan.Zero, token);
                return last.AnsweredAs(Provider);
            },
            TimeSpan.FromSeconds(60),
            $"{whose} internet to come back through the provider",
            w.Time,
            ct);
        return last!;
    }

    /// <summary>Puts the world back as the checks found it: `causeway up` not frozen, the provider's server running, `causeway up` running if it was.</summary>
    private async Task RestoreAsync(bool gatewayWasRunning, CancellationToken ct)
    {
        try
        {
            if (w.State.Process(w.GatewayProcess) is { } gateway && w.Processes.IsAlive(gateway.Pid, gateway.StartTicks))
            {
                await w.Processes.SignalAsync(gateway.Pid, UnixSignals.Continue, ct);
            }

            if (!w.IsRunning(BackboneProcessNames.ProviderOpenVpn))
            {
                await w.StartProviderAndWaitAsync(ct);
            }

            if (gatewayWasRunning && !w.IsRunning(w.GatewayProcess))
            {
                await RestartGatewayAsync("to leave the world as it was", ct);
            }

            await RestoreMoreAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Checks.AddExtra(new LabCheckResult("world-restored", false, $"could not put the world back as it was: {e.Message}"));
        }
    }
}
