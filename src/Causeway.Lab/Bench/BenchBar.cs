namespace Causeway.Lab.Bench;

/// <summary>One bar of a benchmark's plot: a label, its value, and the group it is coloured by.</summary>
public sealed record BenchBar(string Label, double Value, string Group);
