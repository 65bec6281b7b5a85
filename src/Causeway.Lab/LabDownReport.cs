namespace Causeway.Lab;

/// <summary>What `lab down` removed, and anything it could not.</summary>
public sealed record LabDownReport(
    string World,
    IReadOnlyList<string> NamespacesRemoved,
    IReadOnlyList<int> ProcessesKilled,
    IReadOnlyList<string> Problems)
{
    public bool Clean => Problems.Count == 0;
}
