using System.Net;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>The uplink's address from `ip -json` (captured shapes), without sending anything.</summary>
public sealed class UplinkAddressTests
{
    private const string Route4 = "ip -4 -json route show default";
    private const string Route6 = "ip -6 -json route show default";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_routes_device_address_when_the_route_names_no_source()
    {
        var commands = new ScriptedCommandRunner()
            .Answer(Route4, """[{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]}]""")
            .Answer("ip -4 -json address show dev eth0", """
                [{"ifindex":2,"ifname":"eth0","flags":["BROADCAST","UP"],"addr_info":[{"family":"inet","local":"203.0.113.7","prefixlen":24,"scope":"global","label":"eth0"}]}]
                """);

        var address = await new UplinkAddress(commands).FindAsync(Ct);

        Assert.Equal(IPAddress.Parse("203.0.113.7"), address);
    }

    [Fact]
    public async Task The_routes_preferred_source_and_the_lowest_metric_win()
    {
        var commands = new ScriptedCommandRunner().Answer(Route4, """
            [{"dst":"default","gateway":"192.0.2.1","dev":"eth1","metric":200,"prefsrc":"192.0.2.9","flags":[]},
             {"dst":"default","gateway":"198.51.100.1","dev":"eth0","metric":100,"prefsrc":"198.51.100.7","flags":[]}]
            """);

        var address = await new UplinkAddress(commands).FindAsync(Ct);

        Assert.Equal(IPAddress.Parse("198.51.100.7"), address);
        Assert.Equal([Route4], commands.Ran);
    }

    [Fact]
    public async Task Without_an_ipv4_default_route_the_ipv6_one()
    {
        var commands = new ScriptedCommandRunner()
            .Answer(Route4, string.Empty)
            .Answer(Route6, """[{"dst":"default","gateway":"fe80::1","dev":"eth0","metric":1024,"flags":[],"pref":"medium"}]""")
            .Answer("ip -6 -json address show dev eth0", """
                [{"ifindex":2,"ifname":"eth0","addr_info":[{"family":"inet6","local":"fe80::5054:ff:fe12:3456","prefixlen":64,"scope":"link"},{"family":"inet6","local":"2001:db8:7::2","prefixlen":64,"scope":"global"}]}]
                """);

        var address = await new UplinkAddress(commands).FindAsync(Ct);

        Assert.Equal(IPAddress.Parse("2001:db8:7::2"), address);
    }

    [Fact]
    public async Task No_default_route_no_address()
    {
        var commands = new ScriptedCommandRunner().Answer(Route4, "[]").Answer(Route6, "[]");

        Assert.Null(await new UplinkAddress(commands).FindAsync(Ct));
    }

    [Fact]
    public async Task A_failing_ip_is_an_error_that_says_what_was_being_done()
    {
        var commands = new ScriptedCommandRunner().Answer(Route4, string.Empty, exitCode: 1, standardError: "Cannot open netlink socket");

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => new UplinkAddress(commands).FindAsync(Ct));

        Assert.Contains("finding the uplink's default route", error.Message, StringComparison.Ordinal);
    }
}
