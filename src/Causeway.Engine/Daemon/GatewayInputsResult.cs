using System.Collections.Immutable;
using Causeway.Core.Model;

namespace Causeway.Engine.Daemon;

/// <summary>The inputs, or why not: every finding in the config and the provider profile, errors and warnings.</summary>
/// <param name="Findings">One line each, `file:line[:column]: severity: message (fix)`.</param>
/// <param name="Settings">
/// The validated config whenever it has no error, even when the profile could not be read for want of root (`plan`
/// as a user: the host plan needs only the config).
/// </param>
public sealed record GatewayInputsResult(GatewayInputs? Inputs, ImmutableArray<string> Findings, bool HasErrors, CausewaySettings? Settings = null);
