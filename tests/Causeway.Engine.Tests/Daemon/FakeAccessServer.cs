using System.Collections.Concurrent;
using Causeway.Engine.Tests.OpenVpn;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// One access server's management socket as OpenVPN 2.6.14 serves it (on a real unix socket): no hold, a state
/// history that ends CONNECTED, `status 3` from <see cref="Clients"/>, and `client-kill` ending the session named.
/// </summary>
public sealed class FakeAccessServer : IAsyncDisposable
{
    public const string Header =
        "HEADER\tCLIENT_LIST\tCommon Name\tReal Address\tVirtual Address\tVirtual IPv6 Address\tBytes Received\tBytes Sent\tConnected Since\tConnected Since (time_t)\tUsername\tClient ID\tPeer ID\tData Channel Cipher";

    public FakeAccessServer(string socketPath)
    {
        Management = new FakeManagementServer(socketPath)
        {
            Hello = [FakeManagementServer.Greeting],
            Reply = Answer,
        };
    }

    public FakeManagementServer Management { get; }

    /// <summary>The CLIENT_LIST rows `status 3` answers, by client id.</summary>
    public ConcurrentDictionary<long, string> Clients { get; } = new();

    /// <summary>A CLIENT_LIST row of `status 3`.</summary>
    public static string Row(string name, long cid, string virtualAddress, long received = 100, long sent = 200) =>
        $"CLIENT_LIST\t{name}\t10.200.1.{cid}:5000{cid}\t{virtualAddress}\t\t{received}\t{sent}\t2026-11-25 11:59:00\t1795607940\tUNDEF\t{cid}\t{cid}\tAES-256-GCM";

    public void Connect(string name, long cid, string virtualAddress, long received = 100, long sent = 200) =>
        Clients[cid] = Row(name, cid, virtualAddress, received, sent);

    /// <summary>What an access server sends when a client's session starts.</summary>
    public Task EstablishedAsync(string name, long cid) =>
        Management.SendAsync($">CLIENT:ESTABLISHED,{cid}", $">CLIENT:ENV,common_name={name}", ">CLIENT:ENV,trusted_ip=10.200.1.9", ">CLIENT:ENV,END");

    public int CommandCount(string command)
    {
        lock (Management.CommandLog)
        {
            return Management.CommandLog.Count(c => c == command);
        }
    }

    public ValueTask DisposeAsync() => Management.DisposeAsync();

    private IReadOnlyList<string> Answer(string command)
    {
        switch (command)
        {
            case "state on all":
                return SupervisorHarness.ServerStateHistory;
            case "status 3":
                return ["TITLE\tOpenVPN 2.6.14", "TIME\t2026-11-25 12:00:00\t1795608000", Header, .. Clients.OrderBy(c => c.Key).Select(c => c.Value), "GLOBAL_STATS\tdco_enabled\t0", "END"];
            default:
                if (command.StartsWith("client-kill ", StringComparison.Ordinal))
                {
                    var cid = long.Parse(command.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                    return Clients.TryRemove(cid, out _) ? ["SUCCESS: client-kill command succeeded"] : ["ERROR: client-kill command failed"];
                }

                return FakeManagementServer.DefaultReply(command);
        }
    }
}
