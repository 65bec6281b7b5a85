using System.Net;
using Causeway.Core.Management;
using Xunit;

namespace Causeway.Core.Tests.Management;

public sealed class OpenVpnStatusParserTests
{
    [Fact]
    public void Client_statistics()
    {
        var replay = new TranscriptReplay(Transcripts.ClientStatusPidVersion);

        var stats = OpenVpnStatusParser.ParseClientStatistics(replay.ReplyTo("status").Lines)!;

        Assert.Equal("2026-11-25 09:42:22", stats.Updated);
        Assert.Equal(2484, stats.TunReadBytes);
        Assert.Equal(2400, stats.TunWriteBytes);
        Assert.Equal(5361, stats.LinkReadBytes);
        Assert.Equal(5467, stats.LinkWriteBytes);
        Assert.Equal(2400, stats.AuthReadBytes);
        Assert.Equal(6, stats.Values.Count);
    }

    [Fact]
    public void A_server_list_is_not_client_statistics() =>
        Assert.Null(OpenVpnStatusParser.ParseClientStatistics(["TITLE,OpenVPN 2.6.14"]));

    [Theory]
    [InlineData("status 2")]
    [InlineData("status 3")]
    public void Server_status_by_its_header_lines(string command)
    {
        var replay = new TranscriptReplay(Transcripts.ServerClientEstablished);

        var status = OpenVpnStatusParser.ParseServerStatus(replay.ReplyTo(command).Lines);

        Assert.StartsWith("OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)]", status.Title, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795599752), status.Time);
        var client = Assert.Single(status.Clients);
        Assert.Equal("client", client.CommonName);
        Assert.Equal("10.99.0.2:42395", client.RealAddress);
        Assert.Equal(IPAddress.Parse("10.8.0.2"), client.VirtualAddress);
        Assert.Null(client.VirtualAddressV6);
        Assert.Equal(2460, client.BytesReceived);
        Assert.Equal(2271, client.BytesSent);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795599748), client.ConnectedSince);
        Assert.Equal("UNDEF", client.Username);
        Assert.Equal(0, client.ClientId);
        Assert.Equal(0, client.PeerId);
        Assert.Equal("AES-256-GCM", client.DataChannelCipher);
        var route = Assert.Single(status.Routes);
        Assert.Equal(("10.8.0.2", "client", "10.99.0.2:42395"), (route.VirtualAddress, route.CommonName, route.RealAddress));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795599748), route.LastReference);
        Assert.Equal("0", status.GlobalStats["dco_enabled"]);
        Assert.Equal("1", status.GlobalStats["Max bcast/mcast queue length"]);
    }

    [Fact]
    public void Columns_are_found_by_name_so_a_new_column_shifts_nothing()
    {
        string[] lines =
        [
            "HEADER\tCLIENT_LIST\tCommon Name\tNew Column\tReal Address\tVirtual Address\tBytes Received\tBytes Sent\tClient ID",
            "CLIENT_LIST\tphone, with comma\tnew\t198.51.100.7:5000\t10.8.0.9\t1\t2\t42",
        ];

        var client = Assert.Single(OpenVpnStatusParser.ParseServerStatus(lines).Clients);

        Assert.Equal("phone, with comma", client.CommonName);
        Assert.Equal("198.51.100.7:5000", client.RealAddress);
        Assert.Equal(IPAddress.Parse("10.8.0.9"), client.VirtualAddress);
        Assert.Equal(42, client.ClientId);
        Assert.Equal("new", client.Fields["New Column"]);
        Assert.Null(client.PeerId);
    }
}
