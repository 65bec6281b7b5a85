using System.Collections.Immutable;

namespace Causeway.Core.Profiles;

/// <summary>The parameters of one config line, or why OpenVPN would refuse the line.</summary>
internal readonly record struct TokenizedLine(ImmutableArray<string> Parameters, string? Error)
{
    public static TokenizedLine Ok(ImmutableArray<string> parameters) => new(parameters, null);

    public static TokenizedLine Failed(string error) => new([], error);
}
