using Causeway.Lab.Checks;
using Xunit;

namespace Causeway.Integration.Tests.Lab;

/// <summary>Every check of `causeway-lab check duo` on a real Duo world, one test each (one world shared by all).</summary>
public sealed class DuoCheckTests(DuoWorldFixture world) : IClassFixture<DuoWorldFixture>
{
    public static TheoryData<string> CheckNames => new(DuoCheckNames.All);

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void Check_passes(string name)
    {
        var result = world.Result(name);

        Assert.True(result.Passed, $"{name}: {result.Detail}");
    }

    [Fact]
    public void Report_is_duos_with_every_check_in_order_and_no_extra_failures()
    {
        world.Result(DuoCheckNames.ProfileWorksInStockOpenVpn);
        var report = world.Report!;

        Assert.Equal("duo", report.World);
        Assert.Equal(DuoCheckNames.All, report.Checks.Take(DuoCheckNames.All.Count).Select(c => c.Name));
        Assert.All(report.Checks.Skip(DuoCheckNames.All.Count), extra => Assert.True(extra.Passed, $"{extra.Name}: {extra.Detail}"));
        Assert.Equal(0, world.Check!.ExitCode);
    }
}
