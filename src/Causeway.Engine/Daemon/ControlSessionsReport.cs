using System.Collections.Immutable;
using Causeway.Engine.Access;

namespace Causeway.Engine.Daemon;

/// <summary>Sessions read (or ended) on the access servers, and the servers that could not be asked, each with why.</summary>
public sealed record ControlSessionsReport(ImmutableArray<ControlSession> Sessions, ImmutableArray<string> Unreachable)
{
    public static ControlSessionsReport From(AccessSessionsReport report) =>
        new([.. report.Sessions.Select(ControlSession.From)], report.Unreachable);

    public AccessSessionsReport ToReport() => new([.. Sessions.Select(s => s.ToSession())], Unreachable);
}
