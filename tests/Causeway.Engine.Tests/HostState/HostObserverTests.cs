using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

/// <summary>`plan` as a user: what needs root to read (nftables) is said, and planned as absent, rather than failing.</summary>
public sealed class HostObserverTests
{
    private static readonly OwnedNames Owned = new("causeway", "causeway", 7270, 7270);

    private readonly ScriptedCommandRunner _commands = new ScriptedCommandRunner()
        .Answer("ip -N -json rule list", "[]")
        .Answer("ip -6 -N -json rule list", "[]")
        .Answer("ip -4 -json route show table 7270", string.Empty, 2, "Error: ipv4: FIB table does not exist.")
        .Answer("ip -6 -json route show table 7270", string.Empty, 2, "Error: ipv6: FIB table does not exist.")
        .Answer("nft -j list table inet causeway", string.Empty, 1, "netlink: Error: cache initialization failed: Operation not permitted")
        .Answer("ip -json link show", "[]");

    [Fact]
    public async Task Without_root_the_nft_table_is_said_to_be_unread_and_planned_as_absent()
    {
        var (host, unread) = await new HostObserver(_commands, new InMemoryFileSystem()).ObserveWhatCanBeReadAsync(Owned, TestContext.Current.CancellationToken);

        Assert.Null(host.NftTable);
        Assert.Equal("nft table inet causeway (reading nftables needs root): planned as if it were absent", Assert.Single(unread));
    }

    [Fact]
    public async Task The_daemon_and_down_still_fail_on_a_refused_read()
    {
        var observer = new HostObserver(_commands, new InMemoryFileSystem());

        await Assert.ThrowsAsync<CommandFailedException>(() => observer.ObserveAsync(Owned, TestContext.Current.CancellationToken));
    }
}
