using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>
/// A real OpenVPN server and client in two namespaces joined by a veth (10.99.0.1 ↔ 10.99.0.2). The server is a
/// provider's: topology subnet, 10.8.0.0/24, pushing redirect-gateway def1, DNS 10.8.0.1 and keepalive 10 60. The
/// client config is Causeway's, and the client is run by an <see cref="OpenVpnSupervisor"/>.
/// </summary>
public sealed class OpenVpnWorld : IAsyncDisposable
{
    public const string ServerAddress = "10.99.0.1";
    public const string ClientDevice = "tuncw0";

    private readonly NetnsScope _scope;
    private readonly LinuxProcessLauncher _launcher = new();
    private IRunningProcess? _server;

    private OpenVpnWorld(NetnsScope scope)
    {
        _scope = scope;
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cw-o{Guid.NewGuid():N}"[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Launch = new OpenVpnLaunch(
            "openvpn",
            System.IO.Path.Combine(Directory, "client.conf"),
            System.IO.Path.Combine(Directory, "m.sock"),
            System.IO.Path.Combine(Directory, "openvpn.pid"));
    }

    public string Directory { get; }

    public string ServerNamespace { get; private set; } = string.Empty;

    public string ClientNamespace { get; private set; } = string.Empty;

    public OpenVpnLaunch Launch { get; }

    public NetnsScope Scope => _scope;

    /// <summary>Skips the test unless root.</summary>
    public static async Task<OpenVpnWorld> CreateAsync()
    {
        var world = new OpenVpnWorld(NetnsScope.Create());
        try
        {
            await world.SetUpAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server and waits for its "Initialization Sequence Completed".</summary>
    public async Task StartServerAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server = _launcher.Start(new ProcessSpec(
            "ip",
            ["netns", "exec", ServerNamespace, "openvpn", "--config", System.IO.Path.Combine(Directory, "server.conf")],
            DieWithParent: true,
            OnOutputLine: line =>
            {
                Log($"server: {line}");
                if (line.Contains("Initialization Sequence Completed", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }));
        var started = await Task.WhenAny(ready.Task, _server.Exited).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(started == ready.Task, "the OpenVPN server exited during start-up (see the output)");
    }

    /// <summary>SIGKILL: no exit notification, the client must notice by itself.</summary>
    public async Task KillServerAsync()
    {
        var server = _server ?? throw new InvalidOperationException("the server is not running");
        server.Signal(UnixSignals.Kill);
        await server.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        server.Dispose();
        _server = null;
    }

    public OpenVpnSupervisor CreateSupervisor(ITunnelProbe probe) => new(
        Launch,
        new NetnsProcessLauncher(ClientNamespace, _launcher),
        new LinuxSignals(),
        new UnixSocketConnector(),
        new LinuxFileSystem(),
        probe,
        TimeProvider.System,
        new TestLogger<OpenVpnSupervisor>());

    /// <summary>Live processes (zombies excluded) whose command line names our client config.</summary>
    public IReadOnlyList<int> ClientOpenVpnProcesses()
    {
        var found = new List<int>();
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText($"{directory}/cmdline").Split('\0');
                var stat = File.ReadAllText($"{directory}/stat");
                if (arguments.Contains(Launch.ConfigPath) && stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z")
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_server is not null)
            {
                _server.Signal(UnixSignals.Kill);
                try
                {
                    await _server.Exited.WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (TimeoutException)
                {
                    // Cleaning up must not hide the test's own failure; NetnsScope kills whatever is left.
                    Log($"the OpenVPN server (pid {_server.Id}) did not exit within 10 s of SIGKILL");
                }

                _server.Dispose();
            }
        }
        finally
        {
            await _scope.DisposeAsync();
            _launcher.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    public static void Log(string line)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }

    private async Task SetUpAsync()
    {
        ServerNamespace = await _scope.AddNamespaceAsync("srv");
        ClientNamespace = await _scope.AddNamespaceAsync("cli");
        await _scope.AddVethAsync(ServerNamespace, "vsrv", ClientNamespace, "vcli");
        await _scope.ExecAsync(ServerNamespace, "ip", "address", "add", $"{ServerAddress}/24", "dev", "vsrv");
        await _scope.ExecAsync(ClientNamespace, "ip", "address", "add", "10.99.0.2/24", "dev", "vcli");
        TestPki.WriteTo(Directory);
        string Path(string name) => System.IO.Path.Combine(Directory, name);
        await File.WriteAllTextAsync(Path("server.conf"), $"""
            port 1194
            proto udp
            dev tunsrv
            dev-type tun
            topology subnet
            server 10.8.0.0 255.255.255.0
            ca {Path("ca.crt")}
            cert {Path("server.crt")}
            key {Path("server.key")}
            dh none
            tls-crypt {Path("tc.key")}
            keepalive 10 60
            push "redirect-gateway def1"
            push "dhcp-option DNS 10.8.0.1"
            verb 3

            """);
        await File.WriteAllTextAsync(Path("client.conf"), $"""
            client
            dev {ClientDevice}
            dev-type tun
            proto udp
            remote {ServerAddress} 1194
            nobind
            persist-tun
            remote-cert-tls server
            ca {Path("ca.crt")}
            cert {Path("client.crt")}
            key {Path("client.key")}
            tls-crypt {Path("tc.key")}
            route-noexec
            pull-filter ignore "ping"
            ping 1
            ping-restart 5
            management {Launch.ManagementSocketPath} unix
            management-hold
            management-up-down
            verb 3

            """);
    }
}
