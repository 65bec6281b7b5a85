using Causeway.Engine.Seams;
using Causeway.Lab.Checks;
using Xunit;

namespace Causeway.Lab.Tests.Checks;

/// <summary>One world's `lab check --json`: the command's result and its report, or what went wrong before there was one.</summary>
public sealed record WorldCheckRun(string World, CommandResult? Check, LabCheckReport? Report, string? Error)
{
    /// <summary>The named check's result; fails the test (with everything known) if there is none.</summary>
    public LabCheckResult Result(string name)
    {
        Assert.True(Report is not null, Error ?? "no report");
        var result = Report.Checks.FirstOrDefault(c => c.Name == name);
        Assert.True(result is not null, $"no check named {name} in the {World} report: {string.Join(", ", Report.Checks.Select(c => c.Name))}");
        return result;
    }
}
