using System.Collections.Immutable;
using Causeway.Core.Model;

namespace Causeway.Core.Config;

/// <summary>What <see cref="ConfigLoader.Load(string, string)"/> made of a config file.</summary>
/// <param name="Settings">The validated settings; null whenever there is at least one error.</param>
/// <param name="Diagnostics">Every error and warning found, in file order (all of them, not just the first).</param>
/// <param name="Sources">Where each key is in the file, for checks that run later.</param>
public sealed record ConfigLoadResult(
    CausewaySettings? Settings,
    ImmutableArray<ConfigDiagnostic> Diagnostics,
    ConfigSourceMap Sources)
{
    public bool Succeeded => Settings is not null && !Diagnostics.Any(d => d.IsError);
}
