using Xunit;

namespace Causeway.Lab.Tests.Checks;

/// <summary>Every check of `causeway lab check WORLD` on a real world, one test each (one run per world shared by all).</summary>
public sealed class WorldCheckTests(WorldChecks worlds) : IClassFixture<WorldChecks>
{
    public static TheoryData<string, string> Checks =>
        new(WorldChecks.Worlds.SelectMany(world => world.Value.Select(check => (world.Key, check))));

    public static TheoryData<string> WorldNames => new(WorldChecks.Worlds.Keys);

    [RootTheory]
    [MemberData(nameof(Checks))]
    public async Task Check_passes(string world, string check)
    {
        var result = (await worlds.RunAsync(world)).Result(check);

        Assert.True(result.Passed, $"{world} {check}: {result.Detail}");
    }

    [RootTheory]
    [MemberData(nameof(WorldNames))]
    public async Task Report_is_the_worlds_with_every_check_in_order_and_no_extra_failures(string world)
    {
        var run = await worlds.RunAsync(world);
        var expected = WorldChecks.Worlds[world];
        run.Result(expected[0]);

        Assert.Equal(world, run.Report!.World);
        Assert.Equal(expected, run.Report.Checks.Take(expected.Count).Select(c => c.Name));
        Assert.All(run.Report.Checks.Skip(expected.Count), extra => Assert.True(extra.Passed, $"{extra.Name}: {extra.Detail}"));
        Assert.Equal(0, run.Check!.ExitCode);
    }
}
