using Causeway.Core.Host;
using Xunit;

namespace Causeway.Core.Tests.Host;

/// <summary>/etc/group as Debian writes it, and what a hand-edited one may hold.</summary>
public sealed class SystemGroupsTests
{
    private const string EtcGroup = """
        root:x:0:
        adm:x:4:syslog,alice
        causeway:x:998:
        causeway-old:x:997:
        broken:x:notanumber:
        short:x

        """;

    [Theory]
    [InlineData("root", 0)]
    [InlineData("adm", 4)]
    [InlineData("causeway", 998)]
    public void A_listed_group_has_its_gid(string name, int gid) =>
        Assert.Equal(gid, SystemGroups.IdOf(EtcGroup, name));

    [Theory]
    [InlineData("missing")]
    [InlineData("cause")]
    [InlineData("broken")]
    [InlineData("short")]
    [InlineData("")]
    public void A_group_not_listed_or_without_a_numeric_gid_has_none(string name) =>
        Assert.Null(SystemGroups.IdOf(EtcGroup, name));

    [Fact]
    public void Windows_line_ends_and_a_signed_gid_are_not_taken_for_a_gid() =>
        Assert.Null(SystemGroups.IdOf("causeway:x:-5:\r\n", "causeway"));
}
