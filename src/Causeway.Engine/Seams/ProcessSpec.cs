using System.Collections.Immutable;

namespace Causeway.Engine.Seams;

/// <summary>A long-running child process.</summary>
/// <param name="DieWithParent">
/// The child gets SIGKILL when this process dies (parent-death signal), so that a crashed daemon leaves no
/// OpenVPN behind and the next `up` starts clean.
/// </param>
/// <param name="OnOutputLine">Called with every stdout and stderr line (for the log); may be null.</param>
/// <param name="Environment">Extra environment variables.</param>
/// <param name="DetachedLogFile">
/// When set, the child is detached: its own session, stdin from /dev/null, stdout and stderr appended to this
/// file, so it outlives this process (lab services started by `causeway-lab up`). Not with DieWithParent.
/// </param>
/// <param name="OwnSession">
/// The child leads a session (and process group) of its own, so that what the terminal of this process sends to
/// its whole group (a hang-up when it closes, Ctrl-C) reaches this process alone, which then decides what its
/// children get: OpenVPN takes a SIGHUP as a hard restart and would drop the tunnel and every client.
/// </param>
public sealed record ProcessSpec(
    string Program,
    ImmutableArray<string> Arguments,
    bool DieWithParent,
    Action<string>? OnOutputLine = null,
    ImmutableDictionary<string, string>? Environment = null,
    string? DetachedLogFile = null,
    bool OwnSession = false)
{
    public override string ToString() => Arguments.IsDefaultOrEmpty ? Program : $"{Program} {string.Join(' ', Arguments)}";
}
