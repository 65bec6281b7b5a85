using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Management;
using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Access;

public sealed class AccessClientReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A server's `status 3` as OpenVPN 2.6.14 prints it (tabs), with two clients.</summary>
    private static readonly string[] TcpStatus =
    [
        "TITLE\tOpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4] [EPOLL] [PKCS11] [MH/PKTINFO] [AEAD] [DCO]",
        "TIME\t2026-03-01 12:00:00\t1772366400",
        "HEADER\tCLIENT_LIST\tCommon Name\tReal Address\tVirtual Address\tVirtual IPv6 Address\tBytes Received\tBytes Sent\tConnected Since\tConnected Since (time_t)\tUsername\tClient ID\tPeer ID\tData Channel Cipher",
        "CLIENT_LIST\tphone\t192.0.2.10:51957\t10.9.0.130\t\t2385\t2349\t2026-03-01 11:59:00\t1772366340\tUNDEF\t7\t0\tAES-256-GCM",
        "CLIENT_LIST\tlaptop\t192.0.2.11:40000\t10.9.0.131\t\t100\t200\t2026-03-01 11:58:00\t1772366280\tUNDEF\t8\t1\tAES-256-GCM",
        "HEADER\tROUTING_TABLE\tVirtual Address\tCommon Name\tReal Address\tLast Ref\tLast Ref (time_t)",
        "GLOBAL_STATS\tMax bcast/mcast queue length\t1",
        "GLOBAL_STATS\tdco_enabled\t0",
    ];

    private static AccessClientRecord Record(string name, string serial, DateTimeOffset? revoked = null) =>
        new(name, serial, Now.AddDays(-10), Now.AddYears(5), revoked);

    private static ImmutableArray<AccessSession> Sessions() =>
        AccessClientReport.Sessions(AccessTransport.Tcp, OpenVpnStatusParser.ParseServerStatus(TcpStatus));

    [Fact]
    public void Sessions_are_read_from_a_servers_status()
    {
        var phone = Sessions()[0];

        Assert.Equal(
            new AccessSession(AccessTransport.Tcp, "phone", 7, "192.0.2.10:51957", IPAddress.Parse("10.9.0.130"), phone.ConnectedSince, 2385, 2349),
            phone);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772366340), phone.ConnectedSince);
    }

    [Fact]
    public void Rows_join_the_registry_with_live_sessions()
    {
        var registry = AccessClientRegistry.Empty
            .Add(Record("phone", "01"))
            .Add(Record("tablet", "02"))
            .Add(Record("old", "03", revoked: Now.AddDays(-2)));
        var lastSeen = AccessLastSeen.Empty.MarkSeen(["tablet", "old"], Now.AddDays(-1), TimeSpan.FromMinutes(1));

        var rows = AccessClientReport.Build(registry, lastSeen, Sessions(), Now);

        Assert.Equal(["phone", "tablet", "old"], rows.Select(r => r.Name));
        Assert.True(rows[0].Connected);
        Assert.Equal(Now, rows[0].LastSeen);
        Assert.Equal(2385, rows[0].BytesReceived);
        Assert.Equal(2349, rows[0].BytesSent);
        Assert.False(rows[1].Connected);
        Assert.Equal(Now.AddDays(-1), rows[1].LastSeen);
        Assert.Equal(0, rows[1].BytesReceived);
        Assert.True(rows[2].IsRevoked);
        Assert.Equal(Now.AddDays(-1), rows[2].LastSeen);
    }

    [Fact]
    public void A_live_session_belongs_to_the_active_client_of_its_name_not_to_a_revoked_one()
    {
        var registry = AccessClientRegistry.Empty.Add(Record("phone", "01")).Revoke("phone", Now.AddDays(-1), out _).Add(Record("phone", "02"));

        var rows = AccessClientReport.Build(registry, AccessLastSeen.Empty, Sessions(), Now);

        Assert.False(rows[0].Connected);
        Assert.True(rows[1].Connected);
    }

    [Fact]
    public void Kill_commands_end_every_session_of_exactly_that_common_name_and_halt_the_client()
    {
        Assert.Equal(["client-kill 7 HALT"], AccessClientReport.KillCommands(Sessions(), "phone"));
        Assert.Empty(AccessClientReport.KillCommands(Sessions(), "Phone"));
        Assert.Empty(AccessClientReport.KillCommands(Sessions(), "tablet"));
    }
}
