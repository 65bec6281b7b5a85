using System.Text.Json;
using Causeway.Lab.Bench;
using Causeway.Lab.Checks;
using Causeway.Lab.Dinosaur;
using Causeway.Lab.Duo;
using Causeway.Lab.Machine;
using Causeway.Lab.State;
using Causeway.Lab.Status;
using Causeway.Lab.Uno;
using Causeway.Lab.Worlds;

namespace Causeway.Lab;

/// <summary>
/// `causeway-lab`: builds a world (<see cref="UpAsync"/>), checks it (<see cref="CheckAsync"/>), shows it
/// (<see cref="StatusAsync"/>) and removes it (<see cref="DownAsync"/>). The worlds (uno: a home gateway; duo: a cloud
/// VM with access servers, and phones) describe themselves (<see cref="WorldKinds"/>): nothing here names one, but
/// for the benchmarks, which are a world's own.
/// </summary>
public sealed class LabController(LabEnvironment environment)
{
    private readonly NetnsRunner _net = new(environment.Runner);
    private readonly LabStateStore _store = new(environment.Files);

    /// <summary>Builds the world; on failure, takes down whatever it made (unless asked to keep it) and rethrows.</summary>
    public async Task<LabState> UpAsync(LabWorld world, LabUpOptions options, CancellationToken ct)
    {
        Validate(world);
        if (_store.Load(world) is not null)
        {
            throw new InvalidOperationException($"world {world.Prefix}{world.Name} is already up ({world.StateFilePath}): run `causeway-lab down {world.Name}` first");
        }

        var existing = await _net.ListNamespacesAsync(ct);
        var clashing = NodesOf(world).Select(world.Namespace).Where(existing.Contains).ToList();
        if (clashing.Count > 0)
        {
            var other = OtherWorldsUp(world).FirstOrDefault(o => o.Namespaces.Any(clashing.Contains));
            throw new InvalidOperationException(other is not null
                ? $"network namespaces {string.Join(", ", clashing)} belong to world {other.World}, which is up with the same prefix: run `causeway-lab down {other.World}` first, or use another --prefix"
                : $"network namespaces {string.Join(", ", clashing)} already exist but no world is recorded: run `causeway-lab down {world.Name}` (same --prefix and --root) to remove them, or use another --prefix");
        }

        var gatewayBinary = Path.GetFullPath(options.GatewayBinary);
        foreach (var (binary, name) in new[] { (environment.LabBinary, "causeway-lab"), (gatewayBinary, "causeway") })
        {
            if (!environment.Files.Stat(binary).Exists)
            {
                throw new InvalidOperationException($"the {name} binary {binary} does not exist");
            }
        }

        environment.Files.EnsureDirectory(world.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        environment.Files.EnsureDirectory(world.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var layout = new WorldLayout(world, GatewayNodeOf(world));
        var state = new LabState(world.Name, world.Prefix, world.Root, environment.LabBinary, gatewayBinary, environment.Time.GetUtcNow(), [], [], layout.GatewayConfig, [], null);
        var running = Open(world, state);
        running.SaveState(state);
        try
        {
            await running.BuildAsync(options.StartGateway, ct);

            environment.Progress.WriteLine($"world {world.Prefix}{world.Name} is up; files in {world.Directory}");
            return running.State;
        }
        catch (Exception) when (!options.KeepOnFailure)
        {
            environment.Progress.WriteLine("lab up failed: taking down what was made");
            await DownAsync(world, CancellationToken.None);
            throw;
        }
    }

    public Task<LabCheckReport> CheckAsync(LabWorld world, CancellationToken ct) => Load(world).CheckAsync(ct);

    /// <summary>Uno: throughput (iperf3) of the raw link, a bare OpenVPN tunnel and Causeway's path; failover times.</summary>
    public async Task<BenchReport> BenchAsync(LabWorld world, int seconds, int rounds, int failoverRounds, CancellationToken ct) =>
        Load(world) is UnoWorld uno
            ? await new UnoBench(uno).RunAsync(seconds, rounds, failoverRounds, ct)
            : throw new ArgumentException($"world {world.Name}: this benchmark is Uno's (for duo, see `lab bench duo`)");

    /// <summary>Duo: a phone's throughput to the internet through the VM over TCP 443 against UDP, in one run.</summary>
    public async Task<DuoBenchReport> BenchDuoAsync(LabWorld world, int seconds, int rounds, CancellationToken ct) =>
        Load(world) is DuoWorld duo
            ? await new DuoBench(duo).RunAsync(seconds, rounds, ct)
            : throw new ArgumentException($"world {world.Name}: this benchmark is Duo's");

    /// <summary>Dinosaur: the phones through the whole chain against the bare provider tunnel, with the CPU of every hop.</summary>
    public async Task<DinosaurBenchReport> BenchDinosaurAsync(LabWorld world, int seconds, int rounds, CancellationToken ct) =>
        Load(world) is DinosaurWorld dinosaur
            ? await new DinosaurBench(dinosaur).RunAsync(seconds, rounds, ct)
            : throw new ArgumentException($"world {world.Name}: this benchmark is Dinosaur's");

    /// <summary>Any world: its `causeway up` idle (memory, CPU, `causeway status`); Duo also with <paramref name="clients"/> more clients.</summary>
    public async Task<FootprintReport> BenchFootprintAsync(LabWorld world, int seconds, int clients, CancellationToken ct) =>
        await new FootprintBench(Load(world)).RunAsync(seconds, clients, ct);

    public async Task<LabStatusReport> StatusAsync(LabWorld world, CancellationToken ct)
    {
        Validate(world);
        var state = _store.Load(world);
        var existing = await _net.ListNamespacesAsync(ct);
        var namespaces = new List<NamespaceStatus>();
        foreach (var node in NodesOf(world))
        {
            var ns = world.Namespace(node);
            var exists = existing.Contains(ns);
            namespaces.Add(new NamespaceStatus(node, ns, exists, exists ? await InterfacesAsync(ns, ct) : []));
        }

        var table = new ProcessTable(environment.Files, _net);
        var processes = (state?.Processes ?? [])
            .OrderBy(p => p.Namespace, StringComparer.Ordinal)
            .Select(p => new ProcessStatus(p.Name, p.Namespace, p.Pid, table.IsAlive(p.Pid, p.StartTicks), p.LogFile))
            .ToList();

        GatewayStatus? gateway = null;
        string? gatewayError = null;
        var others = new List<LabHostStatus>();
        if (state is null)
        {
            gatewayError = "the world is not up";
        }
        else
        {
            var running = Open(world, state);
            (gateway, gatewayError) = await HostStatusAsync(running, existing, ct);
            foreach (var uplink in running.Uplinks.Where(u => u.Node != running.GatewayNode))
            {
                var (status, error) = await HostStatusAsync(running.OnHost(uplink.Node), existing, ct);
                others.Add(new LabHostStatus(uplink.Node, status, error));
            }
        }

        return new LabStatusReport(world.Name, world.Directory, state is not null, namespaces, processes, gateway, gatewayError, others);
    }

    private static async Task<(GatewayStatus? Status, string? Error)> HostStatusAsync(RunningWorld host, IReadOnlySet<string> namespaces, CancellationToken ct) =>
        namespaces.Contains(host.Ns(host.GatewayNode))
            ? await host.GatewayStatusAsync(ct)
            : (null, $"the {host.GatewayNode}'s namespace is missing");

    /// <summary>
    /// Removes every process and namespace the world made: recorded pids (if still the same processes), then
    /// whatever still runs in each namespace (`ip netns pids`), then the namespaces, then the world's files.
    /// Works on a half-built world and on one whose state file is gone (namespaces are found by name).
    /// </summary>
    public async Task<LabDownReport> DownAsync(LabWorld world, CancellationToken ct)
    {
        Validate(world);
        var problems = new List<string>();
        var killed = new List<int>();
        LabState? state = null;
        try
        {
            state = _store.Load(world);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }

        var table = new ProcessTable(environment.Files, _net);
        foreach (var process in state?.Processes ?? [])
        {
            if (table.IsAlive(process.Pid, process.StartTicks))
            {
                await table.SignalAsync(process.Pid, Engine.Seams.UnixSignals.Kill, ct);
                killed.Add(process.Pid);
            }
        }

        var existing = await _net.ListNamespacesAsync(ct);
        // Never another world's: with the same prefix, worlds share node names (inet, prov, laptop).
        var others = OtherWorldsUp(world).SelectMany(o => o.Namespaces).ToHashSet(StringComparer.Ordinal);
        var ours = NodesOf(world).Select(world.Namespace).Concat(state?.Namespaces ?? []).Distinct().Where(existing.Contains).ToList();
        var theirs = ours.Where(others.Contains).ToList();
        if (theirs.Count > 0)
        {
            environment.Progress.WriteLine($"leaving {string.Join(", ", theirs)}: they belong to another world that is up with the same prefix");
            ours.RemoveAll(theirs.Contains);
        }

        foreach (var ns in ours)
        {
            killed.AddRange(await KillNamespaceProcessesAsync(ns, table, problems, ct));
            var deleted = await _net.TryRunAsync("ip", ["netns", "del", ns], ct);
            if (!deleted.Succeeded)
            {
                problems.Add($"ip netns del {ns}: {deleted.StandardError.Trim()}");
            }
        }

        foreach (var process in state?.Processes ?? [])
        {
            var gone = await Waiting.TryUntilAsync(_ => Task.FromResult(!table.IsAlive(process.Pid, process.StartTicks)), TimeSpan.FromSeconds(10), environment.Time, ct);
            if (gone is null)
            {
                problems.Add($"{process.Name} (pid {process.Pid}) is still alive");
            }
        }

        await RemoveDirectoryAsync(world, problems, ct);
        var left = (await _net.ListNamespacesAsync(ct)).Where(ours.Contains).ToList();
        if (left.Count > 0)
        {
            problems.Add($"namespaces still there: {string.Join(", ", left)}");
        }

        environment.Progress.WriteLine(
            $"world {world.Prefix}{world.Name}: removed {(ours.Count > 0 ? string.Join(", ", ours) : "no namespaces")}, killed {killed.Distinct().Count()} processes"
            + (problems.Count > 0 ? $"; problems: {string.Join("; ", problems)}" : string.Empty));
        return new LabDownReport(world.Name, ours, [.. killed.Distinct()], problems);
    }

    private static async Task<IReadOnlyList<int>> KillNamespaceProcessesAsync(string ns, ProcessTable table, List<string> problems, CancellationToken ct)
    {
        var killed = new List<int>();
        for (var round = 0; round < 50; round++)
        {
            var live = (await new NetnsRunner(table.Runner).NamespacePidsAsync(ns, ct)).Where(pid => table.IsAlive(pid)).ToList();
            if (live.Count == 0)
            {
                return killed;
            }

            foreach (var pid in live)
            {
                await table.SignalAsync(pid, Engine.Seams.UnixSignals.Kill, ct);
                killed.Add(pid);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        problems.Add($"processes in {ns} would not die");
        return killed;
    }

    /// <summary>rm -rf of the world's own directory, and only that: checked to be root/prefix+world.</summary>
    private async Task RemoveDirectoryAsync(LabWorld world, List<string> problems, CancellationToken ct)
    {
        var directory = Path.GetFullPath(world.Directory);
        if (Path.GetDirectoryName(directory) != Path.GetFullPath(world.Root).TrimEnd('/') || Path.GetFileName(directory) != world.Prefix + world.Name)
        {
            problems.Add($"not removing {directory}: not a world directory");
            return;
        }

        if (!environment.Files.Stat(directory).Exists)
        {
            return;
        }

        var removed = await _net.TryRunAsync("rm", ["-rf", "--one-file-system", "--", directory], ct);
        if (!removed.Succeeded)
        {
            problems.Add($"removing {directory}: {removed.StandardError.Trim()}");
        }
    }

    private RunningWorld Load(LabWorld world)
    {
        Validate(world);
        var state = _store.Load(world)
            ?? throw new InvalidOperationException($"world {world.Prefix}{world.Name} is not up (no {world.StateFilePath}): run `causeway-lab up {world.Name}`");
        return Open(world, state);
    }

    private RunningWorld Open(LabWorld world, LabState state) => KindOf(world).Open(world, environment, state);

    private static IReadOnlyList<string> NodesOf(LabWorld world) => KindOf(world).Nodes;

    private static string GatewayNodeOf(LabWorld world) => KindOf(world).GatewayNode;

    /// <summary>The world's description; its name was validated first (<see cref="Validate"/>).</summary>
    private static WorldKind KindOf(LabWorld world) =>
        WorldKinds.Find(world.Name) ?? throw new ArgumentException($"world '{world.Name}': use {string.Join(" or ", WorldKinds.Names)}");

    /// <summary>The other worlds recorded under the same root with the same prefix (their namespaces may share names with this one's).</summary>
    private IEnumerable<LabState> OtherWorldsUp(LabWorld world)
    {
        foreach (var name in WorldKinds.Names.Where(n => n != world.Name))
        {
            LabState? other = null;
            try
            {
                other = _store.Load(world with { Name = name });
            }
            catch (InvalidOperationException)
            {
                // An unreadable state file: nothing can be said about its namespaces.
            }

            if (other is not null)
            {
                yield return other;
            }
        }
    }

    private async Task<IReadOnlyList<InterfaceAddresses>> InterfacesAsync(string ns, CancellationToken ct)
    {
        var result = await _net.TryRunAsync("ip", ["-n", ns, "-j", "address", "show"], ct);
        if (!result.Succeeded)
        {
            return [];
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        var interfaces = new List<InterfaceAddresses>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            var addresses = new List<string>();
            if (link.TryGetProperty("addr_info", out var info))
            {
                foreach (var address in info.EnumerateArray())
                {
                    var scope = address.TryGetProperty("scope", out var s) ? s.GetString() : null;
                    if (scope is "link")
                    {
                        continue;
                    }

                    addresses.Add($"{address.GetProperty("local").GetString()}/{address.GetProperty("prefixlen").GetInt32()}");
                }
            }

            interfaces.Add(new InterfaceAddresses(
                link.GetProperty("ifname").GetString() ?? "?",
                link.TryGetProperty("operstate", out var state) ? state.GetString() ?? "?" : "?",
                addresses));
        }

        return interfaces;
    }

    private static void Validate(LabWorld world)
    {
        var errors = world.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }

        KindOf(world);
    }
}
