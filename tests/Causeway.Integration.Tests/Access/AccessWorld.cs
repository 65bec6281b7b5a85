using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Engine.Access;
using Causeway.Integration.Tests.Pki;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Access;

/// <summary>
/// An access server host and two phones, each in its own namespace, joined by veths: the server's "public" address
/// (on its loopback) is reached by both phones through their links. The servers run from Causeway's rendered configs
/// and Causeway's PKI store; phones run stock `openvpn --config` on the profiles `client add` returned, unmodified.
/// </summary>
public sealed class AccessWorld : IAsyncDisposable
{
    public const string PublicAddress = "10.200.0.1";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly NetnsScope _scope;
    private readonly DirectoryInfo _directory;
    private readonly LinuxProcessLauncher _launcher = new();
    private readonly List<OpenVpnProcess> _processes = [];

    private AccessWorld(NetnsScope scope, DirectoryInfo directory, CausewaySettings settings, string server, string phoneA, string phoneB)
    {
        _scope = scope;
        _directory = directory;
        Settings = settings;
        ServerNamespace = server;
        PhoneA = phoneA;
        PhoneB = phoneB;
        Clients = new AccessClients(settings.Access!, settings.Instance, new LinuxFileSystem(), TimeProvider.System);
        Sessions = new AccessServerSessions(settings.Access!, Clients.Paths, new LinuxFileSystem(), new UnixSocketConnector(), TimeProvider.System);
    }

    public CausewaySettings Settings { get; }

    public AccessSettings Access => Settings.Access!;

    public string ServerNamespace { get; }

    public string PhoneA { get; }

    public string PhoneB { get; }

    public AccessClients Clients { get; }

    public AccessServerSessions Sessions { get; }

    public NetnsScope Scope => _scope;

    /// <summary>The world with the servers not yet started; <paramref name="accessKeys"/> go under [access].</summary>
    public static async Task<AccessWorld> CreateAsync(NetnsScope scope, string accessKeys = "")
    {
        var server = await scope.AddNamespaceAsync("srv");
        var phoneA = await scope.AddNamespaceAsync("pa");
        var phoneB = await scope.AddNamespaceAsync("pb");
        await scope.ExecAsync(server, "ip", "address", "add", $"{PublicAddress}/32", "dev", "lo");
        var index = 1;
        foreach (var phone in new[] { phoneA, phoneB })
        {
            await scope.AddVethAsync(server, $"s-p{index}", phone, "p-srv");
            await scope.ExecAsync(server, "ip", "address", "add", $"10.20{index}.0.1/24", "dev", $"s-p{index}");
            await scope.ExecAsync(phone, "ip", "address", "add", $"10.20{index}.0.2/24", "dev", "p-srv");
            await scope.ExecAsync(phone, "ip", "route", "add", $"{PublicAddress}/32", "via", $"10.20{index}.0.1");
            index++;
        }

        var directory = Directory.CreateTempSubdirectory("cw-acc-");
        directory.UnixFileMode = PkiFileModes.Directory;
        var config = Path.Combine(directory.FullName, "causeway.toml");
        var loaded = ConfigLoader.Load(
            $"""
            [instance]
            name = "duo-test"
            state_dir = "{directory.FullName}/state"
            run_dir = "{directory.FullName}/run"

            [overlay]
            interface = "zt-test"
            subnets = ["10.222.0.0/24"]

            [egress]
            profile = "provider.ovpn"

            [access]
            public_address = "{PublicAddress}"
            {accessKeys}
            """,
            config);
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
        return new AccessWorld(scope, directory, loaded.Settings!, server, phoneA, phoneB);
    }

    /// <summary>Makes the PKI, writes the servers' configs and starts every server; returns once each has initialised.</summary>
    public async Task<ImmutableArray<OpenVpnProcess>> StartServersAsync()
    {
        Clients.Pki.EnsureReady();
        var launches = AccessServerConfigs.Write(new LinuxFileSystem(), Settings.Instance, Access, [IPNetwork.Parse("10.222.0.0/24")]);
        var servers = ImmutableArray.CreateBuilder<OpenVpnProcess>();
        foreach (var launch in launches)
        {
            var server = Start($"{launch.Server.TransportName} server", ServerNamespace, launch.ConfigPath);
            await server.WaitForLineAsync("Initialization Sequence Completed", StartTimeout);
            servers.Add(server);
        }

        return servers.ToImmutable();
    }

    /// <summary>`client add NAME`: the profile text written as the CLI would write it (0600), and its path.</summary>
    public string AddClient(string name)
    {
        var profile = Clients.Add(name, PublicAddress);
        var path = Path.Combine(_directory.FullName, $"{name}.ovpn");
        File.WriteAllText(path, profile.Text);
        File.SetUnixFileMode(path, PkiFileModes.File);
        return path;
    }

    /// <summary>A stock `openvpn --config PROFILE` in a phone's namespace.</summary>
    public OpenVpnProcess StartPhone(string name, string ns, string profilePath) => Start(name, ns, profilePath);

    /// <summary>Drops every UDP packet the phone sends to the server's port, counting them (a network that blocks UDP).</summary>
    public async Task BlockUdpAsync(string ns)
    {
        var port = Access.Udp!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _scope.ExecAsync(ns, "nft", "add", "table", "inet", "block");
        await _scope.ExecAsync(ns, "nft", "add", "chain", "inet", "block", "out", "{ type filter hook output priority 0; }");
        await _scope.ExecAsync(ns, "nft", "add", "rule", "inet", "block", "out", "udp", "dport", port, "counter", "drop", "comment", "\"udp-blocked\"");
    }

    /// <summary>Packets the UDP block dropped so far.</summary>
    public async Task<long> UdpDropsAsync(string ns)
    {
        var listing = await _scope.ExecAsync(ns, "nft", "list", "chain", "inet", "block", "out");
        var match = System.Text.RegularExpressions.Regex.Match(listing.StandardOutput, @"counter packets (\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>Polls the servers' management sockets until <paramref name="commonName"/> is listed (or is not).</summary>
    public async Task<Causeway.Core.Access.AccessSession?> WaitForSessionAsync(string commonName, bool present, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Causeway.Core.Access.AccessSession? session = null;
        while (DateTime.UtcNow < deadline)
        {
            var report = await Sessions.ReadAsync(TestContext.Current.CancellationToken);
            session = report.Sessions.FirstOrDefault(s => s.CommonName == commonName);
            if ((session is not null) == present)
            {
                return session;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{commonName} was {(present ? "not listed" : "still listed")} by the servers after {timeout.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _launcher.Dispose();
        _directory.Delete(recursive: true);
    }

    private OpenVpnProcess Start(string name, string ns, string configPath)
    {
        var process = OpenVpnProcess.Start(name, _launcher, ns, configPath);
        _processes.Add(process);
        return process;
    }
}
