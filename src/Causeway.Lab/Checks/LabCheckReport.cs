using System.Text.Json.Serialization;

namespace Causeway.Lab.Checks;

/// <summary>What `causeway-lab check --json` prints: {"world":"uno","checks":[{"name":..,"passed":..,"detail":..}]}.</summary>
public sealed record LabCheckReport(string World, IReadOnlyList<LabCheckResult> Checks)
{
    [JsonIgnore]
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
}
