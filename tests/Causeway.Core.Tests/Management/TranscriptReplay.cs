using Causeway.Core.Management;

namespace Causeway.Core.Tests.Management;

/// <summary>
/// Plays a transcript into a <see cref="ManagementProtocol"/>: "-> command" lines are commands sent (their reply
/// shape queued), every other line is fed as received. Replies are paired with their commands in order.
/// </summary>
internal sealed class TranscriptReplay
{
    private readonly Queue<string> _sent = new();

    public TranscriptReplay(string transcript, ManagementProtocol? protocol = null)
    {
        Protocol = protocol ?? new ManagementProtocol();
        foreach (var line in transcript.Split('\n'))
        {
            if (line.StartsWith("-> ", StringComparison.Ordinal))
            {
                var command = line[3..];
                var shape = ManagementCommands.ShapeOf(command, Protocol.ManagementVersion);
                Protocol.ExpectReply(shape);
                if (shape.ExpectsReply)
                {
                    _sent.Enqueue(command);
                }

                continue;
            }

            foreach (var message in Protocol.Feed(line))
            {
                Messages.Add(message);
                if (message is ManagementReply reply)
                {
                    Replies.Add((_sent.Dequeue(), reply));
                }
            }
        }
    }

    public ManagementProtocol Protocol { get; }

    public List<ManagementMessage> Messages { get; } = [];

    public List<(string Command, ManagementReply Reply)> Replies { get; } = [];

    public IEnumerable<ManagementEvent> Events => Messages.OfType<ManagementEvent>();

    public ManagementReply ReplyTo(string command) => Replies.Single(r => r.Command == command).Reply;
}
