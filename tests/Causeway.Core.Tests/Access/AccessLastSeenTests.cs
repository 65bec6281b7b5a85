using Causeway.Core.Access;
using Xunit;

namespace Causeway.Core.Tests.Access;

public sealed class AccessLastSeenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seen_clients_get_a_new_time_only_when_theirs_is_older_than_the_resolution()
    {
        var first = AccessLastSeen.Empty.MarkSeen(["PHONE"], Now, TimeSpan.FromMinutes(1));
        var soon = first.MarkSeen(["phone"], Now.AddSeconds(30), TimeSpan.FromMinutes(1));
        var later = first.MarkSeen(["phone", "laptop"], Now.AddMinutes(2), TimeSpan.FromMinutes(1));

        Assert.Equal(Now, first.Of("phone"));
        Assert.Null(first.Of("laptop"));
        Assert.Same(first, soon);
        Assert.Equal(Now.AddMinutes(2), later.Of("phone"));
        Assert.Equal(Now.AddMinutes(2), later.Of("Laptop"));
    }

    [Fact]
    public void Json_round_trips_sorted_by_name()
    {
        var seen = AccessLastSeen.Empty.MarkSeen(["tablet"], Now, TimeSpan.Zero).MarkSeen(["phone"], Now.AddHours(1), TimeSpan.Zero);

        var json = seen.ToJson();
        var back = AccessLastSeen.FromJson(json);

        Assert.True(json.IndexOf("phone", StringComparison.Ordinal) < json.IndexOf("tablet", StringComparison.Ordinal));
        Assert.Equal(Now.AddHours(1), back.Of("PHONE"));
        Assert.Equal(Now, back.Of("tablet"));
        Assert.Throws<FormatException>(() => AccessLastSeen.FromJson("[1]"));
    }
}
