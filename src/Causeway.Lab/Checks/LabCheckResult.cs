namespace Causeway.Lab.Checks;

/// <summary>One check of `causeway-lab check`: its name, whether it passed, and the evidence either way.</summary>
public sealed record LabCheckResult(string Name, bool Passed, string Detail);
