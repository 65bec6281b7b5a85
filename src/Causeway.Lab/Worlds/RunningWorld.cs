using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Json;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.State;
using Causeway.Lab.Status;


namespace Causeway.Lab.Worlds;

/// <summary>
/// The operations `lab up`, `lab check` and `lab status` share on a running world: starting and killing its
/// processes (and recording them), running probes inside namespaces, reading counters and a gateway's status. Every
/// world has the backbone's internet, provider and overlay (Backbone.BackboneTopology); its gateway node is the one
/// that runs `causeway up` (<see cref="WorldLayout.GatewayNode"/>). A world with a second Causeway host (Dinosaur's
/// VM beside its sbc) reaches it through <see cref="OnHost"/>: the same operations, on that host. A world says how it
/// is built and checked (<see cref="BuildAsync"/>, <see cref="CheckAsync"/>).
/// </summary>
internal abstract class RunningWorld
{
    private static readonly TimeSpan ProbeCommandTimeout = TimeSpan.FromSeconds(30);
    private readonly LabStateStore _store;
    private readonly StateCell _state;
    private readonly string _primaryNode;

    /// <param name="uplinks">The uplinks of every host that runs `causeway up`, the world's gateway first: where leaks are counted.</param>
    protected RunningWorld(LabWorld world, LabEnvironment environment, LabState state, WorldLayout layout, IReadOnlyList<GatewayUplink> uplinks)
        : this(world, environment, new StateCell(state), layout, uplinks, layout.GatewayNode)
    {
    }

    private RunningWorld(LabWorld world, LabEnvironment environment, StateCell state, WorldLayout layout, IReadOnlyList<GatewayUplink> uplinks, string primaryNode)
    {
        World = world;
        Environment = environment;
        Layout = layout;
        Uplinks = uplinks;
        Net = new NetnsRunner(environment.Runner);
        Processes = new ProcessTable(environment.Files, Net);
        _store = new LabStateStore(environment.Files);
        _state = state;
        _primaryNode = primaryNode;
    }

    public LabWorld World { get; }

    public LabEnvironment Environment { get; }

    public WorldLayout Layout { get; }

    /// <summary>The node that runs `causeway up`.</summary>
    public string GatewayNode => Layout.GatewayNode;

    public NetnsRunner Net { get; }

    public ProcessTable Processes { get; }

    public LabState State => _state.Value;

    /// <summary>The uplinks of every host that runs `causeway up`, the world's gateway first: where leaks are counted.</summary>
    public IReadOnlyList<GatewayUplink> Uplinks { get; }

    /// <summary>This host's uplink.</summary>
    public GatewayUplink Uplink => Uplinks.First(u => u.Node == GatewayNode);

    /// <summary>Whether this is the world's gateway (not a second host reached with <see cref="OnHost"/>).</summary>
    public bool IsWorldGateway => GatewayNode == _primaryNode;

    /// <summary>This host's `causeway up`, as recorded in the state file: "gateway" on the world's gateway, e.g. "vm-gateway" on a second host.</summary>
    public string GatewayProcess => IsWorldGateway ? BackboneProcessNames.Gateway : $"{GatewayNode}-{BackboneProcessNames.Gateway}";

    /// <summary>This host's ZeroTier stand-in, as recorded in the state file.</summary>
    public string ZeroTierProcess => IsWorldGateway ? BackboneProcessNames.ZeroTierStandIn : $"{GatewayNode}-{BackboneProcessNames.ZeroTierStandIn}";

    /// <summary>This host's `causeway up` config.</summary>
    public string GatewayConfigPath => IsWorldGateway ? State.GatewayConfigPath : Layout.GatewayConfig;

    /// <summary>This host's own default routes (v4 and v6) before `causeway up`.</summary>
    public IReadOnlyList<string> HostDefaultRoutes => IsWorldGateway ? State.GatewayDefaultRoutes : OtherHost?.DefaultRoutes ?? [];

    /// <summary>This host's snapshot from before `causeway up`, if one was taken.</summary>
    public string? HostSnapshotBeforeUpPath => IsWorldGateway ? State.SnapshotBeforeUpPath : OtherHost?.SnapshotBeforeUpPath;

    private LabHostState? OtherHost => State.OtherHost(GatewayNode);

    public TimeProvider Time => Environment.Time;

    public IFileSystem Files => Environment.Files;

    public string Binary => State.LabBinary;

    public string Ns(string node) => World.Namespace(node);

    public void Progress(string line) => Environment.Progress.WriteLine(line);

    public void SaveState(LabState state)
    {
        _state.Value = state;
        _store.Save(World, state);
    }

    public void SaveHostDefaultRoutes(IReadOnlyList<string> routes) =>
        SaveState(IsWorldGateway
            ? State with { GatewayDefaultRoutes = routes }
            : State.WithOtherHost((OtherHost ?? new LabHostState(GatewayNode, [], null)) with { DefaultRoutes = routes }));

    public void SaveHostSnapshot(string path) =>
        SaveState(IsWorldGateway
            ? State with { SnapshotBeforeUpPath = path }
            : State.WithOtherHost((OtherHost ?? new LabHostState(GatewayNode, [], null)) with { SnapshotBeforeUpPath = path }));

    /// <summary>
    /// The same world seen from another host that runs `causeway up` (Dinosaur's VM): every operation on "the
    /// gateway" (its commands, status, processes, layers, snapshot) acts on <paramref name="node"/>; the state, the
    /// processes and the leak counters are the world's own, shared.
    /// </summary>
    public RunningWorld OnHost(string node) =>
        node == GatewayNode ? this : new HostView(this, node);

    /// <summary>`lab up`: builds the world, recording everything it makes in the state file as it goes.</summary>
    public abstract Task BuildAsync(bool startGateway, CancellationToken ct);

    /// <summary>`lab check`: the world's checks, in its fixed order; the world is put back as it was found.</summary>
    public abstract Task<LabCheckReport> CheckAsync(CancellationToken ct);

    // ---- processes ----

    /// <summary>
    /// Starts a process detached inside a namespace (`ip netns exec` execs, so the recorded pid is the program's
    /// own) and records it in the state file at once, so that `lab down` finds it even if `lab up` fails later.
    /// </summary>
    public LabProcessRecord StartDetached(string name, string node, string program, IReadOnlyList<string> arguments, string logFile)
    {
        var ns = Ns(node);
        using var process = Environment.Launcher.Start(new ProcessSpec(
            "ip",
            ["netns", "exec", ns, program, .. arguments],
            DieWithParent: false,
            DetachedLogFile: logFile));
        var started = Processes.Read(process.Id);
        var record = new LabProcessRecord(name, ns, process.Id, started?.StartTicks ?? 0, program, [.. arguments], logFile);
        SaveState(State.WithProcess(record));
        return record;
    }

    /// <summary>Alive and still the process that was recorded (same start time).</summary>
    public bool IsRunning(string name) =>
        State.Process(name) is { } record && Processes.IsAlive(record.Pid, record.StartTicks);

    public async Task KillAsync(string name, CancellationToken ct)
    {
        if (State.Process(name) is { } record)
        {
            await Processes.KillAsync(record.Pid, record.StartTicks, Time, ct);
        }
    }

    /// <summary>Throws with the end of the process's log if it has died (e.g. while waiting for it to be ready).</summary>
    public void EnsureRunning(string name)
    {
        if (State.Process(name) is { } record && !Processes.IsAlive(record.Pid, record.StartTicks))
        {
            throw new InvalidOperationException($"{name} (pid {record.Pid}) exited; the end of {record.LogFile}:\n{LogTail(record.LogFile, 15)}");
        }
    }

    /// <summary>Pids of processes in a namespace whose name (comm) is <paramref name="comm"/>.</summary>
    public async Task<IReadOnlyList<int>> PidsNamedAsync(string node, string comm, CancellationToken ct) =>
        [.. (await Net.NamespacePidsAsync(Ns(node), ct)).Where(pid => Processes.Read(pid) is { State: not 'Z' } stat && stat.Name == comm)];

    public string LogTail(string path, int lines)
    {
        try
        {
            var text = Files.ReadAllText(path);
            return string.Join('\n', text.Split('\n').TakeLast(lines + 1)).TrimEnd();
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>The log's length now, to wait later for a line that appears after this point.</summary>
    public long LogLength(string path) => Files.Stat(path).Length;

    /// <summary>What a log gained since <paramref name="offset"/> (its <see cref="LogLength"/> then).</summary>
    public string LogSince(string path, long offset)
    {
        if (!Files.Stat(path).Exists)
        {
            return string.Empty;
        }

        var text = Files.ReadAllText(path);
        return offset < text.Length ? text[(int)offset..] : string.Empty;
    }

    /// <summary>Waits until <paramref name="text"/> appears in the log after <paramref name="offset"/>; fails early if the process died.</summary>
    public Task<TimeSpan> WaitForLogAsync(string processName, string path, long offset, string text, TimeSpan timeout, CancellationToken ct) =>
        Waiting.UntilAsync(
            () =>
            {
                EnsureRunning(processName);
                var content = Files.Stat(path).Exists ? Files.ReadAllText(path) : string.Empty;
                return content.Length > offset && content.IndexOf(text, (int)Math.Min(offset, content.Length), StringComparison.Ordinal) >= 0;
            },
            timeout,
            $"'{text}' in {path}",
            Time,
            ct);

    // ---- the causeway-lab binary (probes) inside a namespace ----

    public Task<CommandResult> CausewayAsync(string node, IEnumerable<string> arguments, CancellationToken ct, TimeSpan? timeout = null) =>
        Net.TryExecAsync(Ns(node), Binary, arguments, ct, timeout ?? ProbeCommandTimeout);

    /// <summary>`causeway up|status|down` of the gateway, from the gateway binary.</summary>
    public Task<CommandResult> GatewayCommandAsync(IEnumerable<string> arguments, CancellationToken ct, TimeSpan? timeout = null) =>
        Net.TryExecAsync(Ns(GatewayNode), State.GatewayBinary, arguments, ct, timeout ?? ProbeCommandTimeout);

    private async Task<T> CausewayJsonAsync<T>(string node, IEnumerable<string> arguments, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var args = arguments.ToList();
        var result = await CausewayAsync(node, args, ct);
        try
        {
            return JsonSerializer.Deserialize(result.StandardOutput, type)
                ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"running `causeway-lab {string.Join(' ', args)}` in {Ns(node)}: exit {result.ExitCode}, no JSON result ({e.Message}): {result.StandardError.Trim()}", e);
        }
    }

    // ---- probes ----

    public Task<EchoProbeResult> EchoProbeAsync(string node, IPEndPoint target, string protocol, int count, TimeSpan timeout, TimeSpan interval, CancellationToken ct) =>
        EchoProbeAsync(node, target, protocol, count, timeout, interval, 0, ct);

    /// <param name="bindPort">UDP: the local port every probe leaves from (0: any), to find the flow in conntrack.</param>
    public Task<EchoProbeResult> EchoProbeAsync(string node, IPEndPoint target, string protocol, int count, TimeSpan timeout, TimeSpan interval, int bindPort, CancellationToken ct) =>
        CausewayJsonAsync(
            node,
            ["probe", "echo", "--target", target.ToString(), "--protocol", protocol, "--count", count.ToString(),
             "--timeout-ms", ((int)timeout.TotalMilliseconds).ToString(), "--interval-ms", ((int)interval.TotalMilliseconds).ToString(),
             "--bind-port", bindPort.ToString()],
            LabJsonContext.Default.EchoProbeResult,
            ct);

    /// <summary>
    /// From the internet router: packets into the provider's tunnel at <paramref name="target"/> (the gateway's tunnel
    /// address) from the echo service's address (<see cref="InjectProbe"/>).
    /// </summary>
    /// <param name="flowPort">The live client flow's masqueraded port at the target; 0: no flow replies.</param>
    public Task<InjectProbeResult> InjectAsync(IPAddress target, int count, int flowPort, CancellationToken ct) =>
        CausewayJsonAsync(
            BackboneTopology.Internet,
            ["probe", "inject", "--source", BackboneTopology.EchoAddress.ToString(), "--target", target.ToString(),
             .. BackboneTopology.InjectionClosedPorts.SelectMany(p => new[] { "--closed-port", p.ToString() }),
             "--count", count.ToString(), "--flow-source-port", BackboneTopology.EchoPort.ToString(), "--flow-port", flowPort.ToString(),
             "--flow-ttl", BackboneTopology.InjectionTtl.ToString()],
            LabJsonContext.Default.InjectProbeResult,
            ct);

    public Task<DnsProbeResult> DnsProbeAsync(string node, IPEndPoint server, string name, string type, string transport, TimeSpan timeout, CancellationToken ct) =>
        CausewayJsonAsync(
            node,
            ["probe", "dns", "--server", server.ToString(), "--name", name, "--type", type, "--transport", transport,
             "--timeout-ms", ((int)timeout.TotalMilliseconds).ToString()],
            LabJsonContext.Default.DnsProbeResult,
            ct);

    /// <summary>A gateway's canary: datagrams from the host itself to the router's discard port on its uplink.</summary>
    public Task<SendProbeResult> CanaryAsync(GatewayUplink uplink, int count, CancellationToken ct) =>
        CausewayJsonAsync(
            uplink.Node,
            ["probe", "canary", "--target", uplink.Canary.ToString(), "--count", count.ToString()],
            LabJsonContext.Default.SendProbeResult,
            ct);

    /// <summary>
    /// Sends one canary from every counted uplink's host and waits (5 s at most) until the leak counters have them,
    /// so that a window's evidence shows the counters were counting; returns how many were sent. Each canary is
    /// counted only on its own uplink, so the sum seen equal to the sum sent means every uplink was counting.
    /// </summary>
    /// <param name="before">The leak counters when the window opened.</param>
    /// <param name="alreadySent">Canaries sent in this window so far.</param>
    public async Task<int> CanaryCountedAsync(NftCounters before, int alreadySent, CancellationToken ct)
    {
        var sent = 0;
        foreach (var uplink in Uplinks)
        {
            sent += (await CanaryAsync(uplink, 1, ct)).Sent;
        }

        await Waiting.TryUntilAsync(
            async token => (await LeakCountersAsync(token)).Since(before)[LeakCounterRuleset.Canary] >= alreadySent + sent,
            TimeSpan.FromSeconds(5),
            Time,
            ct);
        return sent;
    }

    public async Task<bool> CanConnectAsync(string node, IPEndPoint target, CancellationToken ct) =>
        (await CausewayJsonAsync(
            node,
            ["probe", "connect", "--target", target.ToString(), "--timeout-ms", "1000"],
            LabJsonContext.Default.SendProbeResult,
            ct)).Sent == 1;

    /// <summary>Waits until something listens on <paramref name="target"/> (seen from <paramref name="node"/>).</summary>
    public Task<TimeSpan> WaitListeningAsync(string processName, string node, IPEndPoint target, CancellationToken ct) =>
        Waiting.UntilAsync(
            async token =>
            {
                EnsureRunning(processName);
                return await CanConnectAsync(node, target, token);
            },
            TimeSpan.FromSeconds(15),
            $"{processName} to listen on {target}",
            Time,
            ct);

    // ---- counters ----

    /// <summary>The leak counters, summed over every counted uplink.</summary>
    public Task<NftCounters> LeakCountersAsync(CancellationToken ct) => LeakCountersAsync(null, ct);

    /// <summary>The leak counters of one uplink (null: summed over all).</summary>
    public async Task<NftCounters> LeakCountersAsync(GatewayUplink? uplink, CancellationToken ct) =>
        NftCounters.Parse(
            (await Net.ExecAsync("reading the leak counters", Ns(BackboneTopology.Internet), "nft", ["-j", "list", "table", "netdev", BackboneTopology.LeakTable], ct)).StandardOutput,
            uplink is null ? null : LeakChain.ChainName(uplink));

    /// <summary>
    /// Runs a negative control (<paramref name="window"/>: the layers removed on purpose, the detector must see leaks)
    /// and records what the leak counters counted from its start to its end, even if it fails or is interrupted.
    /// </summary>
    public async Task<T> NegativeControlAsync<T>(string check, Func<CancellationToken, Task<T>> window, CancellationToken ct)
    {
        var from = Time.GetUtcNow();
        var before = await LeakCountersAsync(ct);
        try
        {
            return await window(ct);
        }
        finally
        {
            await RecordNegativeControlAsync(check, from, before);
        }
    }

    /// <summary>
    /// Closes a negative-control window: records in the lab state what the leak counters counted since
    /// <paramref name="before"/> (read when the lab began removing the layers), so that the world's whole-life count
    /// can leave it out. Runs even when the control failed or was interrupted (the layers were removed all the same).
    /// </summary>
    public async Task RecordNegativeControlAsync(string check, DateTimeOffset from, NftCounters before)
    {
        try
        {
            var after = await LeakCountersAsync(CancellationToken.None);
            SaveState(State.WithNegativeControl(new LabNegativeControl(check, from, Time.GetUtcNow(), after.Since(before).PacketsByComment)));
        }
        catch (Exception e) when (e is CommandFailedException or InvalidOperationException or IOException or JsonException)
        {
            Progress($"check: could not record the negative control's window in {World.StateFilePath}: {e.Message}");
        }
    }

    /// <summary>The packet counts of any counter table in any node, by rule comment.</summary>
    public async Task<NftCounters> CountersAsync(string node, string family, string table, CancellationToken ct) =>
        NftCounters.Parse((await Net.ExecAsync($"reading the counters of table {family} {table} in {Ns(node)}", Ns(node), "nft", ["-j", "list", "table", family, table], ct)).StandardOutput);

    public async Task<NftCounters> LaptopCountersAsync(CancellationToken ct) =>
        NftCounters.Parse((await Net.ExecAsync("reading the laptop's probe counters", Ns(BackboneTopology.Laptop), "nft", ["-j", "list", "table", "inet", BackboneTopology.LaptopProbeTable], ct)).StandardOutput);

    /// <summary>Like <see cref="CountersAsync"/>, but empty when the table is missing (e.g. the gateway's, with no `causeway up`).</summary>
    public async Task<NftCounters> TryCountersAsync(string node, string family, string table, CancellationToken ct)
    {
        var result = await Net.TryExecAsync(Ns(node), "nft", ["-j", "list", "table", family, table], ct);
        return result.Succeeded ? NftCounters.Parse(result.StandardOutput) : new NftCounters(new Dictionary<string, long>(StringComparer.Ordinal));
    }

    // ---- the gateway ----

    /// <summary>The gateway's address on its provider tunnel device, or null while there is none.</summary>
    public async Task<IPAddress?> GatewayTunnelAddressAsync(CancellationToken ct) =>
        await Ipv4AddressesAsync(GatewayNode, BackboneTopology.GatewayTunnelDevice, ct) is [var first, ..] ? first : null;

    /// <summary>The IPv4 addresses in a node (of one device, or of all), as `ip -j address show` lists them; none if it fails.</summary>
    public async Task<IReadOnlyList<IPAddress>> Ipv4AddressesAsync(string node, string? device, CancellationToken ct)
    {
        var result = await Net.TryRunAsync("ip", ["-n", Ns(node), "-j", "-4", "address", "show", .. device is null ? Array.Empty<string>() : ["dev", device]], ct);
        if (!result.Succeeded)
        {
            return [];
        }

        using var document = JsonDocument.Parse(result.StandardOutput.Trim().Length == 0 ? "[]" : result.StandardOutput);
        var found = new List<IPAddress>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            if (link.TryGetProperty("addr_info", out var addresses))
            {
                foreach (var address in addresses.EnumerateArray())
                {
                    if (address.TryGetProperty("local", out var local) && IPAddress.TryParse(local.GetString(), out var ip))
                    {
                        found.Add(ip);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>`causeway status --json` of the lab's gateway, or null (with the reason) if it does not answer.</summary>
    public async Task<(GatewayStatus? Status, string? Error)> GatewayStatusAsync(CancellationToken ct)
    {
        var result = await GatewayCommandAsync(["status", "--json", "-c", GatewayConfigPath], ct, TimeSpan.FromSeconds(10));
        if (!result.Succeeded)
        {
            var why = result.StandardError.Trim();
            return (null, $"`causeway status --json` exited with {result.ExitCode}{(why.Length > 0 ? ": " + why : string.Empty)}");
        }

        try
        {
            return (JsonSerializer.Deserialize(result.StandardOutput, LabJsonContext.Default.GatewayStatus), null);
        }
        catch (JsonException e)
        {
            return (null, $"`causeway status --json` printed no status JSON: {e.Message}");
        }
    }

    public LabProcessRecord StartGateway() =>
        StartDetached(GatewayProcess, GatewayNode, State.GatewayBinary, ["up", "-c", GatewayConfigPath], Layout.GatewayLog);

    /// <summary>
    /// Waits until the gateway is ready: its tunnel connected (on Dinosaur's VM: the sbc answering over the overlay)
    /// and its reconcile converged.
    /// </summary>
    public async Task<(TimeSpan Elapsed, GatewayStatus Status)> WaitGatewayReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        GatewayStatus? last = null;
        string? lastError = null;
        try
        {
            var elapsed = await Waiting.UntilAsync(
                async token =>
                {
                    EnsureRunning(GatewayProcess);
                    (last, lastError) = await GatewayStatusAsync(token);
                    return last?.IsConvergedAndConnected == true;
                },
                timeout,
                $"`causeway up` on {GatewayNode} to be ready",
                Time,
                ct);
            return (elapsed, last!);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{e.Message}; last status: {last?.Summary ?? lastError ?? "none"}; the end of {Layout.GatewayLog}:\n{LogTail(Layout.GatewayLog, 20)}", e);
        }
    }

    // ---- the provider ----

    public LabProcessRecord StartProviderOpenVpn() =>
        StartDetached(BackboneProcessNames.ProviderOpenVpn, BackboneTopology.Provider, "openvpn", ["--config", Layout.ProviderServerConfig], Layout.ProviderOpenVpnLog);

    /// <summary>Starts the provider's server and waits until it has initialized; returns how long that took.</summary>
    public async Task<TimeSpan> StartProviderAndWaitAsync(CancellationToken ct)
    {
        var offset = LogLength(Layout.ProviderOpenVpnLog);
        StartProviderOpenVpn();
        return await WaitForLogAsync(BackboneProcessNames.ProviderOpenVpn, Layout.ProviderOpenVpnLog, offset, "Initialization Sequence Completed", TimeSpan.FromSeconds(20), ct);
    }

    /// <summary>The state, shared by a world and its views of other hosts (<see cref="OnHost"/>).</summary>
    private sealed class StateCell(LabState value)
    {
        public LabState Value { get; set; } = value;
    }

    /// <summary>Another Causeway host of the same world (<see cref="OnHost"/>): building and checking stay the world's.</summary>
    private sealed class HostView(RunningWorld world, string node)
        : RunningWorld(world.World, world.Environment, world._state, new WorldLayout(world.World, node), world.Uplinks, world._primaryNode)
    {
        public override Task BuildAsync(bool startGateway, CancellationToken ct) =>
            throw new InvalidOperationException($"{node} is a host of world {World.Name}: the world builds it");

        public override Task<LabCheckReport> CheckAsync(CancellationToken ct) =>
            throw new InvalidOperationException($"{node} is a host of world {World.Name}: the world checks it");
    }
}
