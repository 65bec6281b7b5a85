using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Management;
using Xunit;

namespace Causeway.Core.Tests.Management;

public sealed class PushedOptionsTests
{
    [Fact]
    public void Dhcp_option_dns_gateway_address_and_device_of_the_real_up_block()
    {
        var up = new TranscriptReplay(Transcripts.ClientUpDownAndPingRestart).Events.OfType<UpDownEvent>().First();

        var pushed = up.PushedOptions;

        Assert.Equal("tuncw0", pushed.Device);
        Assert.Equal(IPAddress.Parse("10.8.0.2"), pushed.LocalAddress);
        Assert.Equal(IPAddress.Parse("255.255.255.0"), pushed.Netmask);
        Assert.Equal(IPAddress.Parse("10.8.0.1"), pushed.VpnGateway);
        Assert.Equal([IPAddress.Parse("10.8.0.1")], pushed.DnsServers);
        Assert.Empty(pushed.SearchDomains);
    }

    [Fact]
    public void The_2_6_dns_option_wins_over_dhcp_option_in_server_order()
    {
        var up = new TranscriptReplay(Transcripts.UpDownWithDnsOption).Events.OfType<UpDownEvent>().Single();

        var pushed = up.PushedOptions;

        Assert.Equal([IPAddress.Parse("10.8.0.53"), IPAddress.Parse("10.8.0.54")], pushed.DnsServers);
        Assert.Equal(["vpn.example"], pushed.SearchDomains);
    }

    [Fact]
    public void Foreign_options_in_numeric_order_with_dns6_and_domains()
    {
        var environment = new Dictionary<string, string>
        {
            ["foreign_option_10"] = "dhcp-option DNS 10.8.0.3",
            ["foreign_option_2"] = "dhcp-option DNS6 fd00:8::1",
            ["foreign_option_1"] = "dhcp-option DNS 10.8.0.1",
            ["foreign_option_3"] = "dhcp-option DOMAIN corp.example",
            ["foreign_option_4"] = "dhcp-option dns 10.8.0.1",
            ["foreign_option_5"] = "dhcp-option DOMAIN-SEARCH more.example",
            ["foreign_option_6"] = "dhcp-option NTP 10.8.0.1",
            ["foreign_option_7"] = "dhcp-option DNS not-an-address",
        };

        var pushed = PushedOptions.FromEnvironment(environment);

        Assert.Equal(
            [IPAddress.Parse("10.8.0.1"), IPAddress.Parse("fd00:8::1"), IPAddress.Parse("10.8.0.3")],
            pushed.DnsServers);
        Assert.Equal(["corp.example", "more.example"], pushed.SearchDomains);
    }

    [Fact]
    public void Dns_servers_by_server_then_address_index_with_optional_ports()
    {
        var environment = new Dictionary<string, string>
        {
            ["dns_server_2_address_1"] = "10.8.0.54",
            ["dns_server_1_address_2"] = "[fd00:8::53]:53",
            ["dns_server_1_address_1"] = "10.8.0.53:5353",
            ["dns_server_1_port_1"] = "5353",
            ["dns_server_10_address_1"] = "10.8.0.60",
        };

        var pushed = PushedOptions.FromEnvironment(environment);

        Assert.Equal(
            [IPAddress.Parse("10.8.0.53"), IPAddress.Parse("fd00:8::53"), IPAddress.Parse("10.8.0.54"), IPAddress.Parse("10.8.0.60")],
            pushed.DnsServers);
    }

    [Fact]
    public void Nothing_pushed()
    {
        var pushed = PushedOptions.FromEnvironment(ImmutableDictionary<string, string>.Empty);

        Assert.Equal(PushedOptions.Empty.DnsServers, pushed.DnsServers);
        Assert.Null(pushed.VpnGateway);
        Assert.Null(pushed.Device);
    }

    [Fact]
    public void Point_to_point_topology_has_ifconfig_remote_as_the_gateway()
    {
        var pushed = PushedOptions.FromEnvironment(new Dictionary<string, string>
        {
            ["ifconfig_local"] = "10.8.0.6",
            ["ifconfig_remote"] = "10.8.0.5",
        });

        Assert.Equal(IPAddress.Parse("10.8.0.5"), pushed.VpnGateway);
    }
}
