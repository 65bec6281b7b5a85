using Causeway.Lab.Bench;
using Xunit;

namespace Causeway.Lab.Tests.Bench;

/// <summary>What the benchmark reads from iperf3, /proc and nft, on text captured from the real tools.</summary>
public sealed class BenchParsersTests
{
    // iperf3 3.12 -J -R, cut down to what is read (the real one has "intervals" and much more).
    private const string IperfDownload = """
        {"start":{"version":"iperf 3.12","tcp_mss_default":1388,"test_start":{"protocol":"TCP","num_streams":1,"omit":1,"duration":5,"reverse":1}},
         "intervals":[],
         "end":{"sum_sent":{"bytes":207646188,"bits_per_second":207621221.54810885,"retransmits":25911,"sender":true},
                "sum_received":{"bytes":208755200,"bits_per_second":208533997.562086,"sender":true},
                "cpu_utilization_percent":{"host_total":0.4548055748042082,"host_user":0.20748611684380172,"host_system":0.2473194579604065,"remote_total":9.126758505888013,"remote_user":0.7637666143243343,"remote_system":8.36300299201589},
                "sender_tcp_congestion":"bbr","receiver_tcp_congestion":"bbr"}}
        """;

    [Fact]
    public void Iperf3_gives_the_receivers_rate_the_senders_retransmits_and_both_ends_cpu()
    {
        var run = IperfJson.Parse(IperfDownload);

        Assert.Null(run.Error);
        Assert.Equal(208.534, run.MegabitsPerSecond, 3);
        Assert.Equal(25911, run.Retransmits);
        Assert.Equal(1388, run.MssBytes);
        Assert.Equal("bbr", run.Congestion);
        Assert.Equal(0.455, run.HostCpuPercent, 3);
        Assert.Equal(9.127, run.RemoteCpuPercent, 3);
    }

    [Theory]
    [InlineData("""{"start":{},"intervals":[],"end":{},"error":"the server is busy running a test. try again later"}""", "the server is busy running a test. try again later")]
    [InlineData("", "iperf3 printed no result")]
    [InlineData("""{"start":{}}""", "iperf3 printed no result")]
    public void Iperf3_errors_and_garbage_become_an_error_not_a_zero(string json, string error) =>
        Assert.StartsWith(error, IperfJson.Parse(json).Error, StringComparison.Ordinal);

    [Fact]
    public void Cpu_ticks_are_user_plus_system_and_optionally_the_waited_for_children()
    {
        // A comm with a space and a parenthesis: fields are counted from the last ')'.
        const string stat = "4242 (open vpn)) S 1 4242 4242 0 -1 4194560 500 0 0 0 1200 300 40 7 20 0 1 0 100 13000000 2400 18446744073709551615";

        Assert.Equal(1500, CpuTicks.Parse(stat, withChildren: false));
        Assert.Equal(1547, CpuTicks.Parse(stat, withChildren: true));
        Assert.Throws<FormatException>(() => CpuTicks.Parse("no parenthesis", withChildren: false));
    }

    [Fact]
    public void Load_average_reads_the_three_averages()
    {
        var load = LoadAverage.Parse("7.68 8.60 7.29 8/340 11494\n");

        Assert.Equal(new LoadAverage(7.68, 8.60, 7.29), load);
        Assert.Equal("7.68 8.60 7.29", load.ToString());
    }

    [Fact]
    public void The_leak_counters_transport_rule_is_found_by_its_comment()
    {
        // `nft -a -j list chain netdev cwlableak uplink`, nft 1.0.6, shortened.
        const string json = """
            {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
             {"chain": {"family": "netdev", "table": "cwlableak", "name": "uplink", "handle": 1, "type": "filter", "hook": "ingress", "prio": 0, "policy": "accept"}},
             {"rule": {"family": "netdev", "table": "cwlableak", "chain": "uplink", "handle": 2, "comment": "housekeeping-arp", "expr": [{"accept": null}]}},
             {"rule": {"family": "netdev", "table": "cwlableak", "chain": "uplink", "handle": 5, "comment": "transport", "expr": [{"accept": null}]}},
             {"rule": {"family": "netdev", "table": "cwlableak", "chain": "uplink", "handle": 9, "expr": [{"counter": {"packets": 0, "bytes": 0}}]}}]}
            """;

        Assert.Equal(5, BareTunnel.RuleHandle(json, "transport"));
        Assert.Null(BareTunnel.RuleHandle(json, "bench-transport"));
    }

    [Fact]
    public void The_two_servers_client_networks_are_masked_so_their_pushes_compare_equal()
    {
        const string bare = "PUSH_REPLY,redirect-gateway def1,dhcp-option DNS 10.8.0.1,route-gateway 10.9.0.1,topology subnet,ifconfig 10.9.0.2 255.255.255.0,tun-mtu 1500";
        const string causeway = "PUSH_REPLY,redirect-gateway def1,dhcp-option DNS 10.8.0.1,route-gateway 10.8.0.1,topology subnet,ifconfig 10.8.0.2 255.255.255.0,tun-mtu 1500";

        Assert.Equal(UnoBench.MaskTunnelAddresses(bare), UnoBench.MaskTunnelAddresses(causeway));
        Assert.NotEqual(UnoBench.MaskTunnelAddresses(bare), UnoBench.MaskTunnelAddresses(bare.Replace("tun-mtu 1500", "tun-mtu 1400", StringComparison.Ordinal)));
    }
}
