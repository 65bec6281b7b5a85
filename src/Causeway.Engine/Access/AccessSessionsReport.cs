using System.Collections.Immutable;
using Causeway.Core.Access;

namespace Causeway.Engine.Access;

/// <summary>Sessions read (or ended) on the access servers, and the servers that could not be asked, each with why.</summary>
public sealed record AccessSessionsReport(ImmutableArray<AccessSession> Sessions, ImmutableArray<string> Unreachable);
