using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>The inputs, or why not: every finding in the config and the provider profile, errors and warnings.</summary>
/// <param name="Findings">One line each, `file:line[:column]: severity: message (fix)`.</param>
public sealed record GatewayInputsResult(GatewayInputs? Inputs, ImmutableArray<string> Findings, bool HasErrors);
