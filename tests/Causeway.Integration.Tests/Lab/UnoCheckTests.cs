using Causeway.Lab.Checks;
using Xunit;

namespace Causeway.Integration.Tests.Lab;

/// <summary>Every check of `causeway-lab check` on a real Uno world, one test each (one world shared by all).</summary>
public sealed class UnoCheckTests(UnoWorldFixture world) : IClassFixture<UnoWorldFixture>
{
    public static TheoryData<string> CheckNames => new(LabCheckNames.All);

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void Check_passes(string name)
    {
        var result = world.Result(name);

        Assert.True(result.Passed, $"{name}: {result.Detail}");
    }

    [Fact]
    public void Report_has_every_check_in_order_and_no_extra_failures()
    {
        world.Result(LabCheckNames.EgressViaProvider);
        var report = world.Report!;

        Assert.Equal(LabCheckNames.All, report.Checks.Take(LabCheckNames.All.Count).Select(c => c.Name));
        Assert.All(report.Checks.Skip(LabCheckNames.All.Count), extra => Assert.True(extra.Passed, $"{extra.Name}: {extra.Detail}"));
        Assert.Equal(0, world.Check!.ExitCode);
    }
}
