using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

/// <summary>The observer's handling of what the tools say when Causeway's objects are absent (no root needed).</summary>
public sealed class HostObserverAbsenceTests
{
    private static readonly OwnedNames Owned = new("causeway", "causeway", 7270, 7270);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host without Causeway's routes; the nft table as given (null: nft fails with <paramref name="nftError"/>), its text listing if asked for.</summary>
    private static ScriptedCommandRunner Host(string? nftJson, string? nftText, string nftError = "Error: No such file or directory\nlist table inet causeway\n")
    {
        const string rules = """[{"priority":0,"src":"all","table":"255"}]""";
        const string noTable = "Error: ipv4: FIB table does not exist.\nDump terminated\n";
        var runner = new ScriptedCommandRunner()
            .Answer("ip -N -json rule list", rules)
            .Answer("ip -6 -N -json rule list", rules)
            .Answer("ip -4 -json route show table 7270", "[", 2, noTable)
            .Answer("ip -6 -json route show table 7270", "[", 2, noTable)
            .Answer("ip -json link show", """[{"ifindex":1,"ifname":"lo","flags":["UP"]},{"ifindex":4,"ifname":"eth0.100","flags":["UP"]}]""");
        runner = nftJson is null
            ? runner.Answer("nft -j list table inet causeway", string.Empty, 1, nftError)
            : runner.Answer("nft -j list table inet causeway", nftJson);
        return nftText is null ? runner : runner.Answer("nft list table inet causeway", nftText);
    }

    [Fact]
    public async Task A_host_without_Causeway_is_observed_as_empty_not_as_an_error()
    {
        var runner = Host(null, null);
        var files = new InMemoryFileSystem()
            .AddFile("/proc/sys/net/ipv4/ip_forward", "0\n")
            .AddFile("/proc/sys/net/ipv4/conf/eth0.100/rp_filter", "1\n");

        var observed = await new HostObserver(runner, files).ObserveAsync(Owned, Ct);

        Assert.Null(observed.NftTable);
        Assert.Empty(observed.Routes);
        Assert.Equal(2, observed.Rules.Length);
        Assert.Equal(["eth0.100", "lo"], observed.Links.Order());
        Assert.Equal("0", observed.Sysctl(SysctlNames.IpForward));
        Assert.Equal("1", observed.Sysctl("net.ipv4.conf.eth0/100.rp_filter"));
        Assert.Null(observed.Sysctl(SysctlNames.Ipv6Forwarding));
    }

    [Fact]
    public async Task Reads_the_table_comment_from_text_when_the_json_lacks_it()
    {
        const string json = """{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "inet", "name": "causeway", "handle": 3}}]}""";
        const string text = "table inet causeway {\n\tcomment \"causeway instance=causeway fingerprint=0123456789abcdef\"\n}\n";
        var runner = Host(json, text);

        var observed = await new HostObserver(runner, new InMemoryFileSystem()).ObserveAsync(Owned, Ct);

        Assert.Equal("causeway instance=causeway fingerprint=0123456789abcdef", observed.NftTable!.Comment);
    }

    [Fact]
    public async Task Newer_nft_json_with_the_comment_needs_no_second_listing()
    {
        const string json = """{"nftables": [{"table": {"family": "inet", "name": "causeway", "handle": 3, "comment": "causeway instance=x fingerprint=y"}}]}""";
        var runner = Host(json, null);

        var observed = await new HostObserver(runner, new InMemoryFileSystem()).ObserveAsync(Owned, Ct);

        Assert.Equal("causeway instance=x fingerprint=y", observed.NftTable!.Comment);
        Assert.DoesNotContain(runner.Commands, c => c.ToString() == "nft list table inet causeway");
    }

    [Fact]
    public async Task Any_other_failure_says_what_was_being_read()
    {
        var runner = Host(null, null, nftError: "Error: Operation not permitted");

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => new HostObserver(runner, new InMemoryFileSystem()).ObserveAsync(Owned, Ct));

        Assert.Equal("reading nft table inet causeway: `nft` exited with 1: Error: Operation not permitted (run as root?)", error.Message);
    }
}
