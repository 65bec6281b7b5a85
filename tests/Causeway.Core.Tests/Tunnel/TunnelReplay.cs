using Causeway.Core.Management;
using Causeway.Core.Tests.Management;
using Causeway.Core.Tunnel;

namespace Causeway.Core.Tests.Tunnel;

/// <summary>
/// Plays a management transcript through <see cref="TunnelTransitions"/> as the supervisor does: the last state of
/// the `state on all` history first (if the transcript asked for it), then every event in order, a second apart.
/// </summary>
internal sealed class TunnelReplay
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 42, 0, TimeSpan.Zero);

    public TunnelReplay(string transcript, TunnelStatus? from = null, TimeSpan? step = null)
    {
        var replay = new TranscriptReplay(transcript);
        var now = Start;
        var status = from ?? TunnelTransitions.Starting(TunnelStatus.Stopped(Start), "starting /usr/sbin/openvpn", launched: true, Start);
        if (replay.Replies.Any(r => r.Command == ManagementCommands.StateOnAll))
        {
            var last = replay.ReplyTo(ManagementCommands.StateOnAll).Lines.Select(OpenVpnStateEntry.TryParse).LastOrDefault(e => e is not null);
            Steps.Add(TunnelTransitions.FromHistory(status, last, now));
            status = Steps[^1].Status;
        }

        foreach (var managementEvent in replay.Events)
        {
            now += step ?? TimeSpan.FromSeconds(1);
            var next = TunnelTransitions.OnEvent(status, managementEvent, now);
            Steps.Add(next);
            ByEvent.Add((managementEvent, next));
            status = next.Status;
        }

        Final = status;
    }

    /// <summary>Every step: the history's (if any), then one per event.</summary>
    public List<TunnelStep> Steps { get; } = [];

    /// <summary>Each event with the step it made.</summary>
    public List<(ManagementEvent Event, TunnelStep Step)> ByEvent { get; } = [];

    public TunnelStatus Final { get; }

    /// <summary>The tunnel states in order, each with its detail, repeats left out: what `causeway status` would have shown.</summary>
    public IEnumerable<string> States =>
        Steps.Select(s => $"{s.Status.State} {s.Status.Detail}").Aggregate(
            new List<string>(),
            (seen, state) =>
            {
                if (seen.Count == 0 || seen[^1] != state)
                {
                    seen.Add(state);
                }

                return seen;
            });

    /// <summary>The step the first event matching <paramref name="match"/> made.</summary>
    public TunnelStep After(Func<ManagementEvent, bool> match) => ByEvent.First(e => match(e.Event)).Step;
}
