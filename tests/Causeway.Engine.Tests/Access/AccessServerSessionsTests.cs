using Causeway.Core.Access;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Access;
using Causeway.Engine.Tests.OpenVpn;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Engine.Tests.Access;

/// <summary>Reading and ending sessions through the servers' management sockets (fake OpenVPN on real unix sockets).</summary>
public sealed class AccessServerSessionsTests : IAsyncDisposable
{
    private const string Header =
        "HEADER\tCLIENT_LIST\tCommon Name\tReal Address\tVirtual Address\tVirtual IPv6 Address\tBytes Received\tBytes Sent\tConnected Since\tConnected Since (time_t)\tUsername\tClient ID\tPeer ID\tData Channel Cipher";

    private readonly TempDirectory _directory = new();
    private readonly AccessSettings _access;
    private readonly AccessPaths _paths;

    public AccessServerSessionsTests()
    {
        _access = ConfigLoader.Load(
            "[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n[egress]\nprofile = \"p.ovpn\"\n[access]\n", "/etc/causeway/causeway.toml").Settings!.Access!;
        _paths = new AccessPaths("/var/lib/causeway/access", _directory.Path);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _directory.Dispose();
    }

    private readonly List<FakeManagementServer> _servers = [];

    private FakeManagementServer Serve(AccessTransport transport, params string[] clients)
    {
        var server = new FakeManagementServer(_paths.ManagementSocket(_access.Servers.Single(s => s.Transport == transport)))
        {
            Hello = [FakeManagementServer.Greeting],
            Reply = command => command switch
            {
                "status 3" => ["TITLE\tOpenVPN 2.6.14", "TIME\t2026-03-01 12:00:00\t1772366400", Header, .. clients, "GLOBAL_STATS\tdco_enabled\t0", "END"],
                _ when command.StartsWith("client-kill ", StringComparison.Ordinal) => ["SUCCESS: client-kill command succeeded"],
                _ => FakeManagementServer.DefaultReply(command),
            },
        };
        _servers.Add(server);
        return server;
    }

    private static string Client(string name, int cid, string address) =>
        $"CLIENT_LIST\t{name}\t192.0.2.{cid}:5000{cid}\t{address}\t\t100\t200\t2026-03-01 11:59:00\t1772366340\tUNDEF\t{cid}\t{cid}\tAES-256-GCM";

    private AccessServerSessions Sessions() =>
        new(_access, _paths, new LinuxFileSystem(), new UnixSocketConnector(), TimeProvider.System) { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Reads_the_sessions_of_both_servers_with_their_transport()
    {
        Serve(AccessTransport.Udp, Client("phone", 3, "10.9.0.2"));
        Serve(AccessTransport.Tcp, Client("laptop", 4, "10.9.0.130"));

        var report = await Sessions().ReadAsync(TestContext.Current.CancellationToken);

        Assert.Empty(report.Unreachable);
        Assert.Equal(
            [(AccessTransport.Udp, "phone", 3L), (AccessTransport.Tcp, "laptop", 4L)],
            report.Sessions.Select(s => (s.Transport, s.CommonName, s.ClientId ?? -1)));
    }

    [Fact]
    public async Task Killing_tells_each_session_of_that_name_to_halt_and_no_other()
    {
        var udp = Serve(AccessTransport.Udp, Client("phone", 3, "10.9.0.2"), Client("laptop", 5, "10.9.0.3"));
        var tcp = Serve(AccessTransport.Tcp, Client("phone", 9, "10.9.0.130"));

        var report = await Sessions().KillAsync("phone", TestContext.Current.CancellationToken);

        Assert.Equal([3L, 9L], report.Sessions.Select(s => s.ClientId ?? -1));
        Assert.Contains("client-kill 3 HALT", udp.CommandLog);
        Assert.DoesNotContain("client-kill 5 HALT", udp.CommandLog);
        Assert.Contains("client-kill 9 HALT", tcp.CommandLog);
    }

    [Fact]
    public async Task A_server_that_is_not_running_is_reported_not_waited_for()
    {
        Serve(AccessTransport.Tcp, Client("phone", 9, "10.9.0.130"));

        var started = DateTime.UtcNow;
        var report = await Sessions().KillAsync("phone", TestContext.Current.CancellationToken);

        Assert.Single(report.Sessions);
        var problem = Assert.Single(report.Unreachable);
        Assert.StartsWith("the udp server is not running (no ", problem, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "it waited for a server that is not there");
    }

    [Fact]
    public async Task A_refused_kill_is_reported_with_openvpns_answer()
    {
        var tcp = Serve(AccessTransport.Tcp, Client("phone", 9, "10.9.0.130"));
        Serve(AccessTransport.Udp);
        tcp.Reply = command => command == "status 3"
            ? ["TITLE\tOpenVPN 2.6.14", Header, Client("phone", 9, "10.9.0.130"), "END"]
            : ["ERROR: client-kill command failed"];

        var report = await Sessions().KillAsync("phone", TestContext.Current.CancellationToken);

        Assert.Empty(report.Sessions);
        Assert.Contains("ERROR: client-kill command failed", Assert.Single(report.Unreachable), StringComparison.Ordinal);
    }
}
