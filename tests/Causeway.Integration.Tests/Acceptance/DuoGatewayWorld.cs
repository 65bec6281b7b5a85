using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Causeway.Integration.Tests.Pki;
using Causeway.Lab.Machine;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// A Duo gateway for the access tests on the AOT binary, in namespaces of its own (<see cref="NetnsScope"/>): `vm`
/// runs `causeway up` with [access]; it has an overlay interface (`ov0`, a veth, 10.99.0.1/24), its "public"
/// address 10.200.0.1 on loopback, and a veth to each of two phones (`pa` 10.201.0.2, `pb` 10.202.0.2) that route
/// 10.200.0.1 to it. Its default route goes to phone A (10.201.0.1 is then its uplink address: private). The
/// provider never answers (its profile names 192.0.2.99): the access servers do not need it. The config, the
/// provider's files, the state and run directories live in one directory (0755) that goes on dispose; every
/// openvpn started here dies with its namespace.
/// </summary>
public sealed class DuoGatewayWorld : IAsyncDisposable
{
    public const string PublicAddress = "10.200.0.1";
    public const string UplinkAddress = "10.201.0.1";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0755 = Mode0644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly NetnsScope _scope;
    private readonly ProcessCommandRunner _runner = new();
    private readonly LinuxProcessLauncher _launcher = new();
    private readonly List<OpenVpnProcess> _phones = [];
    private readonly List<UpProcess> _ups = [];

    private DuoGatewayWorld(NetnsScope scope, string directory)
    {
        _scope = scope;
        Directory = directory;
        Vm = scope.Prefix + "vm";
        PhoneA = scope.Prefix + "pa";
        PhoneB = scope.Prefix + "pb";
    }

    public NetnsScope Scope => _scope;

    public string Vm { get; }

    public string PhoneA { get; }

    public string PhoneB { get; }

    public string Directory { get; }

    public string StateDirectory => Path.Combine(Directory, "state");

    public string RunDirectory => Path.Combine(Directory, "run");

    public string ConfigPath => Path.Combine(Directory, "causeway.toml");

    public string AccessDirectory => Path.Combine(StateDirectory, "access");

    /// <summary>The config: Uno's parts plus [access] with <paramref name="access"/> (default: public_address only).</summary>
    public string Config(string? access = null) => $"""
        [instance]
        name = "duo-acceptance"
        state_dir = "{StateDirectory}"
        run_dir = "{RunDirectory}"

        [overlay]
        interface = "ov0"
        subnets = ["10.99.0.0/24"]

        [egress]
        profile = "provider.ovpn"
        auth = "provider.auth"

        [access]
        {access ?? $"public_address = \"{PublicAddress}\""}

        """;

    /// <summary>Skips the test unless it runs as root.</summary>
    public static async Task<DuoGatewayWorld> CreateAsync()
    {
        var scope = NetnsScope.Create();
        var directory = System.IO.Directory.CreateTempSubdirectory("causeway-duo-").FullName;
        File.SetUnixFileMode(directory, Mode0755);
        var world = new DuoGatewayWorld(scope, directory);
        try
        {
            var vm = await scope.AddNamespaceAsync("vm");
            var phoneA = await scope.AddNamespaceAsync("pa");
            var phoneB = await scope.AddNamespaceAsync("pb");

            // No duplicate address detection: a link-local address turning up after a "before" snapshot would look
            // like a change made by causeway.
            await scope.ExecAsync(vm, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0");
            await scope.ExecAsync(vm, "ip", "link", "add", "ov0", "type", "veth", "peer", "name", "ov1");
            await scope.ExecAsync(vm, "ip", "link", "set", "ov0", "up");
            await scope.ExecAsync(vm, "ip", "link", "set", "ov1", "up");
            await scope.ExecAsync(vm, "ip", "address", "add", "10.99.0.1/24", "dev", "ov0");
            await scope.ExecAsync(vm, "ip", "address", "add", $"{PublicAddress}/32", "dev", "lo");
            var index = 1;
            foreach (var phone in new[] { phoneA, phoneB })
            {
                await scope.AddVethAsync(vm, $"v-p{index}", phone, "p-vm");
                await scope.ExecAsync(vm, "ip", "address", "add", $"10.20{index}.0.1/24", "dev", $"v-p{index}");
                await scope.ExecAsync(phone, "ip", "address", "add", $"10.20{index}.0.2/24", "dev", "p-vm");
                await scope.ExecAsync(phone, "ip", "route", "add", $"{PublicAddress}/32", "via", $"10.20{index}.0.1");
                index++;
            }

            await scope.ExecAsync(vm, "ip", "route", "add", "default", "via", "10.201.0.2", "dev", "v-p1");
            await Waiting.UntilAsync(
                async _ => (await scope.ExecAsync(vm, "ip", "-6", "route", "show", "table", "local")).StandardOutput.Split('\n')
                    .Count(l => l.StartsWith("local fe80::", StringComparison.Ordinal)) == 4,
                TimeSpan.FromSeconds(10), "the veths' link-local addresses", TimeProvider.System, CancellationToken.None);
            world.WriteFile("provider.ovpn", BadInputWorld.GoodProfile, Mode0644);
            world.WriteFile("provider.auth", "user\nsecret\n", Mode0600);
            world.WriteFile("causeway.toml", world.Config(), Mode0644);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    public string WriteFile(string name, string content, UnixFileMode mode = Mode0644)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>`causeway ARGS` in the VM's namespace (as root, or through a setpriv wrapper), whatever the exit code.</summary>
    public Task<CommandResult> CausewayAsync(params string[] arguments) => CausewayAsAsync([], arguments);

    public Task<CommandResult> CausewayAsAsync(string[] wrapper, params string[] arguments) =>
        _runner.RunAsync(new CommandSpec("ip", ["netns", "exec", Vm, .. wrapper, CausewayBinary.Path, .. arguments], Timeout: TimeSpan.FromMinutes(1)));

    /// <summary>
    /// `causeway up -c CONFIG` in the VM's namespace (through <paramref name="wrapper"/>, e.g. a setpriv that bounds
    /// its capabilities, if given), its log collected; killed on dispose if still running.
    /// </summary>
    public UpProcess StartUp(string? config = null, string[]? wrapper = null)
    {
        var up = UpProcess.Start("ip", ["netns", "exec", Vm, .. wrapper ?? [], CausewayBinary.Path, "up", "-c", config ?? ConfigPath]);
        _ups.Add(up);
        return up;
    }

    /// <summary>`causeway status --json` until <paramref name="ready"/> holds; fails early (with the log) if `up` exits.</summary>
    public async Task<StatusReport> WaitForStatusAsync(UpProcess up, Func<StatusReport, bool> ready, string what, TimeSpan? timeout = null)
    {
        StatusReport? last = null;
        try
        {
            await Waiting.UntilAsync(
                async _ =>
                {
                    if (up.HasExited)
                    {
                        throw new InvalidOperationException($"causeway up exited while waiting for {what}:\n{up.Tail()}");
                    }

                    var status = await CausewayAsync("status", "--json", "-c", ConfigPath);
                    last = status.Succeeded ? JsonSerializer.Deserialize(status.StandardOutput, DaemonJsonContext.Default.StatusReport) : null;
                    return last is not null && ready(last);
                },
                timeout ?? Timeout, what, TimeProvider.System, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last access status: {JsonSerializer.Serialize(last?.Access, DaemonJsonContext.Default.AccessStatusReport)}\n{up.Tail()}", e);
        }

        return last!;
    }

    /// <summary>`causeway client list --json`, parsed (the command must succeed).</summary>
    public async Task<(bool DaemonRunning, System.Collections.Immutable.ImmutableArray<string> Problems, System.Collections.Immutable.ImmutableArray<ClientRow> Clients)> ClientListAsync()
    {
        var result = await CausewayAsync("client", "list", "--json", "-c", ConfigPath);
        Assert.True(result.Succeeded, $"client list: exit {result.ExitCode}: {result.StandardError}");
        return ClientRow.ParseList(result.StandardOutput);
    }

    /// <summary>Polls `client list --json` until <paramref name="predicate"/> holds for the named client (its latest record).</summary>
    public async Task<ClientRow> WaitForClientAsync(string name, Func<ClientRow, bool> predicate, string what, TimeSpan? timeout = null)
    {
        ClientRow? last = null;
        try
        {
            await Waiting.UntilAsync(
                async _ =>
                {
                    last = (await ClientListAsync()).Clients.LastOrDefault(c => c.Name == name);
                    return last is not null && predicate(last);
                },
                timeout ?? Timeout, $"{name}: {what}", TimeProvider.System, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last: {last}", e);
        }

        return last!;
    }

    /// <summary>A stock `openvpn --config PROFILE` in a phone's namespace (the profile as `client add` wrote it).</summary>
    public OpenVpnProcess StartPhone(string name, string ns, string profile)
    {
        var phone = OpenVpnProcess.Start(name, _launcher, ns, profile);
        _phones.Add(phone);
        return phone;
    }

    /// <summary>Drops (and counts) every UDP packet the phone sends to port 1194: a network that blocks UDP.</summary>
    public async Task BlockUdpAsync(string ns)
    {
        await _scope.ExecAsync(ns, "nft", "add", "table", "inet", "block");
        await _scope.ExecAsync(ns, "nft", "add", "chain", "inet", "block", "out", "{ type filter hook output priority 0; }");
        await _scope.ExecAsync(ns, "nft", "add", "rule", "inet", "block", "out", "udp", "dport", "1194", "counter", "drop");
    }

    /// <summary>Live openvpn processes in a namespace.</summary>
    public static Task<IReadOnlyList<int>> OpenVpnPidsAsync(string ns) => NamespaceProcesses.PidsNamedAsync(ns, "openvpn", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var phone in _phones)
        {
            await phone.DisposeAsync();
        }

        foreach (var up in _ups)
        {
            await up.DisposeAsync();
        }

        // Whatever a failed test left: `down` first (it removes only what is Causeway's), then the namespaces go,
        // with every process still in them.
        // In a finally: without the binary (a skipped test) `down` throws the skip, and the namespaces must go anyway.
        try
        {
            if (File.Exists(ConfigPath))
            {
                await CausewayAsync("down", "-c", ConfigPath);
            }
        }
        finally
        {
            await _scope.DisposeAsync();
            _launcher.Dispose();
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }
}
