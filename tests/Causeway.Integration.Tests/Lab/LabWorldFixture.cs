using System.Text.Json;
using Causeway.Engine.Seams;
using Causeway.Lab.Checks;
using Causeway.Lab.Json;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Lab;

/// <summary>
/// One lab world for all its check tests: `causeway-lab up WORLD`, then `check WORLD --json` once, then `down WORLD`
/// on dispose (even when something failed). Each test looks up its own check in the shared report.
/// </summary>
public abstract class LabWorldFixture(string world, TimeSpan upTimeout, TimeSpan checkTimeout) : IAsyncLifetime
{
    private readonly LabCli _lab = new(world);

    public bool IsRoot { get; } = new LinuxHostIdentity().IsRoot;

    public CommandResult? Up { get; private set; }

    public CommandResult? Check { get; private set; }

    public LabCheckReport? Report { get; private set; }

    public string? ReportError { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!IsRoot)
        {
            return;
        }

        Up = await _lab.RunAsync(upTimeout, LabCli.UpArgumentsFor(world));
        if (!Up.Succeeded)
        {
            ReportError = $"lab up {world} failed: {LabCli.Describe(Up)}";
            return;
        }

        Check = await _lab.RunAsync(checkTimeout, "check", world, "--json");
        try
        {
            Report = JsonSerializer.Deserialize(Check.StandardOutput, LabJsonContext.Default.LabCheckReport);
        }
        catch (JsonException e)
        {
            ReportError = $"lab check {world} --json printed no report ({e.Message}): {LabCli.Describe(Check)}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRoot)
        {
            await _lab.DownAsync();
        }
    }

    /// <summary>The named check's result; fails the test (with everything known) if there is none.</summary>
    public LabCheckResult Result(string name)
    {
        if (!IsRoot)
        {
            Assert.Skip("needs root: network namespaces, nftables, OpenVPN");
        }

        Assert.True(Report is not null, ReportError ?? "no report");
        var result = Report.Checks.FirstOrDefault(c => c.Name == name);
        Assert.True(result is not null, $"no check named {name} in the report: {string.Join(", ", Report.Checks.Select(c => c.Name))}");
        return result;
    }
}
