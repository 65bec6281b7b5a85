using System.Collections.Immutable;

namespace Causeway.Engine.Seams;

/// <summary>A program and its arguments, passed as an argument list (never through a shell).</summary>
/// <param name="StandardInput">Written to stdin and then closed (e.g. an `nft -f -` ruleset).</param>
/// <param name="Timeout">Killed after this long; null = the runner's default.</param>
public sealed record CommandSpec(
    string Program,
    ImmutableArray<string> Arguments,
    string? StandardInput = null,
    TimeSpan? Timeout = null)
{
    public static CommandSpec Of(string program, params string[] arguments) => new(program, [.. arguments]);

    public CommandSpec WithInput(string input) => this with { StandardInput = input };

    public override string ToString() => Arguments.IsDefaultOrEmpty ? Program : $"{Program} {string.Join(' ', Arguments)}";
}
