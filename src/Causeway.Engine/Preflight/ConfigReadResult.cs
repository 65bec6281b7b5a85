using System.Collections.Immutable;
using Causeway.Core.Config;
using Causeway.Core.Model;

namespace Causeway.Engine.Preflight;

/// <summary>What <see cref="ConfigReader.Read"/> found: the settings, or every reason not to go on.</summary>
/// <param name="Settings">The validated settings; null whenever there is at least one error.</param>
/// <param name="Diagnostics">Errors and warnings about the process, the config file and the files it names.</param>
/// <param name="Sources">Where each key is in the config file (empty if it could not be read).</param>
public sealed record ConfigReadResult(
    CausewaySettings? Settings,
    ImmutableArray<ConfigDiagnostic> Diagnostics,
    ConfigSourceMap Sources)
{
    public bool Succeeded => Settings is not null && !Diagnostics.Any(d => d.IsError);
}
