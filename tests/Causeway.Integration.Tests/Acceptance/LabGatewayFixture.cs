using System.Net;
using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Causeway.Lab;
using Causeway.Lab.Backbone;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.State;
using Causeway.Lab.Uno;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// One Uno lab world for the daemon tests (`lab up --no-gateway` with a unique prefix): the tests run
/// `causeway up` on its gateway themselves (<see cref="UpProcess"/>), so that they can signal it, read its log and
/// start another. On dispose, even after a failure: every `up` they started is killed, `causeway down` removes
/// Causeway's state from the gateway, and `lab down` removes the world (no namespace, no OpenVPN left).
/// </summary>
public sealed class LabGatewayFixture : IAsyncLifetime
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly IPEndPoint Echo = new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort);
    private readonly LabCli _lab = new();
    private readonly List<UpProcess> _started = [];
    private readonly LinuxProcessLauncher _launcher = new();
    private UnoWorld? _world;
    private string? _setupError;

    public bool IsRoot { get; } = new LinuxHostIdentity().IsRoot;

    /// <summary>The gateway's namespace, e.g. cw-l1a2b-sbc.</summary>
    public string Sbc => _lab.Prefix + UnoTopology.Gateway;

    public string Laptop => _lab.Prefix + BackboneTopology.Laptop;

    /// <summary>The lab's gateway config: every owned name non-default (nft table cwlab, table 7370, priorities 7370/7371).</summary>
    public string ConfigPath => World.State.GatewayConfigPath;

    /// <summary>The gateway's directory in the world (config, profile, auth, state and run directories).</summary>
    public string GatewayDirectory => World.Layout.GatewayDirectory;

    public string Binary => World.State.GatewayBinary;

    /// <summary>The instance name in the lab config (prefix + world).</summary>
    public string Instance => _lab.Prefix + LabPaths.DefaultWorld;

    /// <summary>The gateway namespace before any `causeway up` ran in it.</summary>
    public NamespaceSnapshot Baseline { get; private set; } = null!;

    /// <summary>The `up` the tests share while it runs (drift, plan, status); null when none.</summary>
    public UpProcess? Current { get; private set; }

    internal UnoWorld World => _world ?? throw new InvalidOperationException("the world is not up");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!IsRoot)
        {
            return;
        }

        var up = await _lab.RunAsync(TimeSpan.FromMinutes(3), LabCli.UpArguments("--no-gateway"));
        if (!up.Succeeded)
        {
            _setupError = $"lab up failed: {LabCli.Describe(up)}";
            return;
        }

        // Failures from here on are reported by every test (EnsureReady), and the world still goes on dispose.
        try
        {
            var files = new LinuxFileSystem();
            var world = new LabWorld(LabPaths.DefaultWorld, _lab.Prefix, _lab.Root);
            var state = new LabStateStore(files).Load(world) ?? throw new InvalidOperationException($"no {world.StateFilePath} after lab up");
            var environment = new LabEnvironment(new ProcessCommandRunner(), _launcher, files, TimeProvider.System, LabBinary.Path, TextWriter.Null);
            _world = new UnoWorld(world, environment, state);
            Baseline = await NamespaceSnapshot.CaptureAsync(Sbc, CancellationToken.None);
        }
        catch (Exception e)
        {
            _setupError = $"reading the world after lab up: {e}";
            _world = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!IsRoot)
        {
            _launcher.Dispose();
            return;
        }

        try
        {
            if (_world is not null)
            {
                await ResetAsync();
            }
        }
        finally
        {
            await _lab.DownAsync();
            _launcher.Dispose();
        }
    }

    /// <summary>Skips without root; fails with what went wrong if the world could not be built.</summary>
    public void EnsureReady()
    {
        if (!IsRoot)
        {
            Assert.Skip("needs root: network namespaces, nftables, OpenVPN");
        }

        Assert.True(_setupError is null && _world is not null, _setupError ?? "no world");
    }

    /// <summary>
    /// The shared `up`, converged with its tunnel connected: the current one if it still is, else a fresh start
    /// on a clean gateway.
    /// </summary>
    public async Task<UpProcess> RunningAsync()
    {
        EnsureReady();
        if (Current is { HasExited: false } current && await IsReadyAsync())
        {
            return current;
        }

        await ResetAsync();
        var started = Start();
        await WaitReadyAsync(started);
        return started;
    }

    /// <summary>`causeway up -c &lt;lab config&gt;` in the gateway's namespace, in a process group of its own.</summary>
    /// <param name="environment">Variables to set for it (e.g. $NOTIFY_SOCKET and $WATCHDOG_USEC, as systemd would).</param>
    public UpProcess Start(IReadOnlyDictionary<string, string>? environment = null) =>
        Track(UpProcess.StartInOwnGroup("ip", ["netns", "exec", Sbc, Binary, "up", "-c", ConfigPath], environment));

    /// <summary>Another way in (e.g. nsenter into a private mount namespace); killed by <see cref="ResetAsync"/> too.</summary>
    public UpProcess Track(UpProcess up)
    {
        _started.Add(up);
        Current = up;
        return up;
    }

    /// <summary>
    /// Kills every `up` the tests started, runs `causeway down`, and waits until no OpenVPN runs on the gateway:
    /// the gateway is as before the first `up` (Causeway's state gone; the lab's own seeded state intact).
    /// </summary>
    public async Task ResetAsync()
    {
        foreach (var up in _started)
        {
            await up.DisposeAsync();
        }

        _started.Clear();
        Current = null;
        var down = await CausewayAsync(TimeSpan.FromMinutes(1), "down", "-c", ConfigPath);
        if (!down.Succeeded)
        {
            throw new InvalidOperationException($"causeway down failed while resetting the gateway: {LabCli.Describe(down)}");
        }

        await Waiting.UntilAsync(
            async token => (await NamespaceProcesses.PidsNamedAsync(Sbc, "openvpn", token)).Count == 0,
            TimeSpan.FromSeconds(15), "no OpenVPN left on the gateway", TimeProvider.System, CancellationToken.None);
    }

    /// <summary>
    /// Waits until `status` says: tunnel connected, and a reconcile that ran after it connected has converged (so
    /// the tunnel's route and the pushed DNS are in). Fails early if `up` exits.
    /// </summary>
    public async Task WaitReadyAsync(UpProcess up, string[]? statusCommand = null)
    {
        string last = "no status yet";
        try
        {
            await Waiting.UntilAsync(
                async _ =>
                {
                    if (up.HasExited)
                    {
                        throw new InvalidOperationException($"causeway up (pid {up.Pid}) exited while starting:\n{up.Tail()}");
                    }

                    var (status, error) = await StatusAsync(statusCommand);
                    last = status is null ? error! : $"tunnel {status.Tunnel.State}, converged {status.Reconcile.Converged}, last run {status.Reconcile.LastRun:O}, tunnel since {status.Tunnel.StateSince:O}";
                    return status is not null && IsReady(status);
                },
                ReadyTimeout, "the tunnel to connect and the host to converge", TimeProvider.System, Ct);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {last}; log:\n{up.Tail()}", e);
        }
    }

    /// <summary>`causeway status --json` (or <paramref name="command"/>, the full command line) parsed, or the reason why not.</summary>
    public async Task<(StatusReport? Status, string? Error)> StatusAsync(string[]? command = null)
    {
        var result = command is null
            ? await CausewayAsync(TimeSpan.FromSeconds(20), "status", "--json", "-c", ConfigPath)
            : await new ProcessCommandRunner().RunAsync(new CommandSpec(command[0], [.. command[1..]], Timeout: TimeSpan.FromSeconds(20)));
        if (!result.Succeeded)
        {
            return (null, $"status exited with {result.ExitCode}: {result.StandardError.Trim()}");
        }

        try
        {
            return (JsonSerializer.Deserialize(result.StandardOutput, DaemonJsonContext.Default.StatusReport), null);
        }
        catch (JsonException e)
        {
            return (null, $"status printed no status JSON ({e.Message}): {result.StandardOutput}");
        }
    }

    /// <summary>The status, or a failed assertion naming why there is none.</summary>
    public async Task<StatusReport> StatusReportAsync()
    {
        var (status, error) = await StatusAsync();
        Assert.True(status is not null, error);
        return status;
    }

    /// <summary>The gateway's binary inside the gateway's namespace: `causeway ARGS`, whatever the exit code.</summary>
    public Task<CommandResult> CausewayAsync(TimeSpan timeout, params string[] arguments) =>
        World.Net.TryExecAsync(Sbc, Binary, arguments, CancellationToken.None, timeout);

    /// <summary>A command inside the gateway's namespace, whatever the exit code.</summary>
    public Task<CommandResult> OnGatewayAsync(string program, params string[] arguments) =>
        World.Net.TryExecAsync(Sbc, program, arguments, CancellationToken.None, TimeSpan.FromSeconds(20));

    /// <summary>
    /// What of the kill switch is missing on the gateway: the catch-all rules (v4 and v6), the unreachable
    /// defaults of Causeway's table (v4 and v6) and the nft table with its leak-counting drop rule. Empty: all there.
    /// </summary>
    public async Task<IReadOnlyList<string>> KillSwitchMissingAsync()
    {
        var missing = new List<string>();
        var catchAll = $"{BackboneTopology.GatewayRulePriority + 1}:\tfrom all iif {BackboneTopology.OverlayDevice} lookup {BackboneTopology.GatewayRouteTable}";
        foreach (var family in new[] { "-4", "-6" })
        {
            var rules = (await OnGatewayAsync("ip", family, "rule", "show")).StandardOutput;
            if (!rules.Contains(catchAll, StringComparison.Ordinal))
            {
                missing.Add($"ip {family} rule \"{catchAll}\" (rules: {rules.ReplaceLineEndings(" | ")})");
            }

            var routes = (await OnGatewayAsync("ip", family, "route", "show", "table", BackboneTopology.GatewayRouteTable.ToString())).StandardOutput;
            if (!routes.Contains("unreachable default", StringComparison.Ordinal))
            {
                missing.Add($"ip {family} unreachable default in table {BackboneTopology.GatewayRouteTable} (routes: {routes.ReplaceLineEndings(" | ")})");
            }
        }

        var table = await OnGatewayAsync("nft", "list", "table", "inet", BackboneTopology.GatewayNftTable);
        if (!table.Succeeded || !table.StandardOutput.Contains("drop", StringComparison.Ordinal))
        {
            missing.Add($"nft table inet {BackboneTopology.GatewayNftTable} with its drop rules ({table.StandardError.Trim()})");
        }

        return missing;
    }

    public async Task<bool> TunnelDeviceExistsAsync() =>
        (await World.Net.TryRunAsync("ip", ["-n", Sbc, "link", "show", BackboneTopology.GatewayTunnelDevice], CancellationToken.None)).Succeeded;

    /// <summary>
    /// The lab's leak measurement, compactly: K probes from the laptop to the internet's echo service (UDP and TCP),
    /// counted at the far end of the gateway's uplink, bracketed by two canaries from the gateway that prove the
    /// capture was live.
    /// </summary>
    public async Task<LeakWindow> MeasureAsync(string label)
    {
        const int udpProbes = 10;
        const int tcpProbes = 3;
        var w = World;
        var before = await w.LeakCountersAsync(Ct);
        var laptopBefore = await w.LaptopCountersAsync(Ct);
        var canaries = await CanaryAsync(before, 0);
        var udp = await w.EchoProbeAsync(BackboneTopology.Laptop, Echo, "udp", udpProbes, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), Ct);
        var tcp = await w.EchoProbeAsync(BackboneTopology.Laptop, Echo, "tcp", tcpProbes, TimeSpan.FromMilliseconds(700), TimeSpan.Zero, Ct);
        canaries += await CanaryAsync(before, canaries);
        var after = await w.LeakCountersAsync(Ct);
        var laptop = (await w.LaptopCountersAsync(Ct)).Since(laptopBefore)[LaptopProbeRuleset.ProbesV4];
        return new LeakWindow(label, udpProbes + tcpProbes, laptop, [udp, tcp], after.Since(before), canaries);
    }

    private Task<int> CanaryAsync(NftCounters before, int alreadySent) => World.CanaryCountedAsync(before, alreadySent, Ct);

    private async Task<bool> IsReadyAsync() => (await StatusAsync()).Status is { } status && IsReady(status);

    private static bool IsReady(StatusReport status) =>
        status.Tunnel.Connected && status.Reconcile.Converged && status.Reconcile.LastRun > status.Tunnel.StateSince;
}
