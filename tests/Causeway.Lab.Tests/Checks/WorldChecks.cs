using System.Text.Json;
using Causeway.Lab.Json;
using Xunit;

namespace Causeway.Lab.Tests.Checks;

/// <summary>
/// Each lab world's `lab check WORLD --json` report, made once per world on first use: `lab up WORLD`, the checks,
/// `lab down WORLD` at once (the worlds share namespace names for the internet and the provider, so only one is up at
/// a time, whatever order the tests run in). Skips without root.
/// </summary>
public sealed class WorldChecks : IAsyncDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Dictionary<string, WorldCheckRun> _runs = new(StringComparer.Ordinal);

    /// <summary>Each world the lab knows and the checks its report must have, in order: a new world is tested here as is.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Worlds { get; } =
        WorldKinds.All.ToDictionary(kind => kind.Name, kind => kind.CheckNames, StringComparer.Ordinal);

    /// <summary>How long bringing a world up and checking it may take (a VM, two phones and a laptop take longer).</summary>
    private static (TimeSpan Up, TimeSpan Check) Timeouts(string world) => world is "duo" or "dinosaur"
        ? (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15))
        : (TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10));

    /// <summary>The world's run (brought up, checked and taken down on first use).</summary>
    public async Task<WorldCheckRun> RunAsync(string world)
    {
        if (!RootUser.IsRoot)
        {
            Assert.Skip(RootUser.SkipReason);
        }

        await _one.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_runs.TryGetValue(world, out var run))
            {
                run = await CheckAsync(world);
                _runs[world] = run;
            }

            return run;
        }
        finally
        {
            _one.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _one.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<WorldCheckRun> CheckAsync(string world)
    {
        var lab = new LabCli(world);
        var (upTimeout, checkTimeout) = Timeouts(world);
        try
        {
            var up = await lab.RunAsync(upTimeout, LabCli.UpArgumentsFor(world));
            if (!up.Succeeded)
            {
                return new WorldCheckRun(world, null, null, $"lab up {world} failed: {LabCli.Describe(up)}");
            }

            var check = await lab.RunAsync(checkTimeout, "check", world, "--json");
            try
            {
                return new WorldCheckRun(world, check, JsonSerializer.Deserialize(check.StandardOutput, LabJsonContext.Default.LabCheckReport), null);
            }
            catch (JsonException e)
            {
                return new WorldCheckRun(world, check, null, $"lab check {world} --json printed no report ({e.Message}): {LabCli.Describe(check)}");
            }
        }
        finally
        {
            await lab.DownAsync();
        }
    }
}
