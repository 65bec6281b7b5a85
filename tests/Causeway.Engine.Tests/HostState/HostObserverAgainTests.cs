using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

/// <summary>
/// A round while the kernel reported no change (<see cref="RoundObserver"/>): `ip` is not run, Causeway's table is
/// read for its counters, and its comment (nftables 1.0.6 leaves it out of the JSON) is read only for a new table.
/// </summary>
public sealed class HostObserverAgainTests
{
    private static readonly OwnedNames Owned = new("causeway", "causeway", 7270, 7270);

    [Fact]
    public async Task Ip_is_not_run_and_the_comment_is_read_again_only_when_the_table_was_replaced()
    {
        var commands = new ScriptedCommandRunner()
            .Answer("ip -N -json rule list", "[]")
            .Answer("ip -6 -N -json rule list", "[]")
            .Answer("ip -4 -json route show table 7270", "[]")
            .Answer("ip -6 -json route show table 7270", "[]")
            .Answer("ip -json link show", """[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"mtu":65536,"operstate":"UNKNOWN"}]""")
            .Answer("nft -j list table inet causeway", Table(handle: 7, packets: 0))
            .Answer("nft -j list table inet causeway", Table(handle: 7, packets: 3))
            .Answer("nft -j list table inet causeway", Table(handle: 9, packets: 0))
            .Answer("nft list table inet causeway", "table inet causeway {\n\tcomment \"causeway:one\"\n}\n")
            .Answer("nft list table inet causeway", "table inet causeway {\n\tcomment \"causeway:two\"\n}\n");
        var observer = new HostObserver(commands, new InMemoryFileSystem());
        var ct = TestContext.Current.CancellationToken;

        var first = await observer.ObserveAsync(Owned, ct);
        var ran = commands.Ran.Count;
        var same = await observer.ObserveAgainAsync(Owned, first, ct);
        var sameRan = commands.Ran.Skip(ran).ToList();
        var replaced = await observer.ObserveAgainAsync(Owned, same, ct);
        var replacedRan = commands.Ran.Skip(ran + sameRan.Count).ToList();

        Assert.Equal("causeway:one", first.NftTable?.Comment);
        Assert.Equal(["nft -j list table inet causeway"], sameRan);
        Assert.Equal("causeway:one", same.NftTable?.Comment);
        Assert.Equal(3, same.NftTable?.Rules.Single().Counter?.Packets);
        Assert.Equal(first.Links, same.Links);
        Assert.Equal(["nft -j list table inet causeway", "nft list table inet causeway"], replacedRan);
        Assert.Equal("causeway:two", replaced.NftTable?.Comment);
    }

    /// <summary>As nftables 1.0.6 lists it: no table comment in the JSON.</summary>
    private static string Table(long handle, long packets) => $$$"""
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
        {"table": {"family": "inet", "name": "causeway", "handle": {{{handle}}}}},
        {"chain": {"family": "inet", "table": "causeway", "name": "forward", "handle": 1, "type": "filter", "hook": "forward", "prio": 0, "policy": "accept"}},
        {"rule": {"family": "inet", "table": "causeway", "chain": "forward", "handle": 2, "comment": "drop-client-other", "expr": [{"counter": {"packets": {{{packets}}}, "bytes": {{{packets * 84}}}}}, {"drop": null}]}}]}
        """;
}
