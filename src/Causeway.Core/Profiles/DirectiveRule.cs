using System.Collections.Immutable;

namespace Causeway.Core.Profiles;

/// <summary>How the sanitizer treats one option name.</summary>
/// <param name="Disposition">Keep, inline, drop or refuse.</param>
/// <param name="MinArguments">Fewest parameters OpenVPN accepts (OpenVPN refuses the file otherwise).</param>
/// <param name="MaxArguments">Most parameters OpenVPN accepts.</param>
/// <param name="Explanation">
/// For kept options, why they are harmless; for dropped and refused ones, what the line would do and why Causeway will
/// not have it (the diagnostic's message). "{args}" stands for the line's parameters.
/// </param>
/// <param name="Fix">What the user should do (refused options); null for the default.</param>
/// <param name="Check">Checks the parameters of a kept option; returns what is wrong, or null.</param>
/// <param name="Routine">
/// A dropped option that nearly every provider ships and that changes nothing about the connection (routes, device,
/// keepalive …): summed up rather than warned about one by one.
/// </param>
internal sealed record DirectiveRule(
    DirectiveDisposition Disposition,
    int MinArguments,
    int MaxArguments,
    string Explanation,
    string? Fix = null,
    Func<ImmutableArray<string>, string?>? Check = null,
    bool Routine = false);
