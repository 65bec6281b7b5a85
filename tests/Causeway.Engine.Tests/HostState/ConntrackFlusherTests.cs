using System.Net;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

public sealed class ConntrackFlusherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nothing_to_delete_is_not_an_error_and_counts_add_up()
    {
        var runner = new ScriptedCommandRunner()
            .Answer("conntrack -D -f ipv4 -s 10.222.0.0/24", string.Empty, 0, "conntrack v1.4.7 (conntrack-tools): 3 flow entries have been deleted.\n")
            .Answer("conntrack -D -f ipv6 -s fdcc:ca5e::/64", string.Empty, 1, "conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n");

        var deleted = await new ConntrackFlusher(runner).FlushAsync([IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")], Ct);

        Assert.Equal(3, deleted);
        Assert.Equal(
            ["conntrack -D -f ipv4 -s 10.222.0.0/24", "conntrack -D -f ipv6 -s fdcc:ca5e::/64"],
            runner.Commands.Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_real_failure_says_what_was_being_done()
    {
        var runner = new ScriptedCommandRunner()
            .Answer("conntrack -D -f ipv4 -s 10.222.0.0/24", string.Empty, 1, "conntrack v1.4.7 (conntrack-tools): Operation failed: Operation not permitted\n");

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => new ConntrackFlusher(runner).FlushAsync([IPNetwork.Parse("10.222.0.0/24")], Ct));

        Assert.StartsWith("flushing conntrack entries from 10.222.0.0/24: `conntrack` exited with 1", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(run as root?)", error.Message, StringComparison.Ordinal);
    }
}
