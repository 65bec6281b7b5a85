using System.Collections.Immutable;

namespace Causeway.Core.Management;

/// <summary>
/// What a command's reply looks like, in order. Most commands answer one line; `status` answers a block ending in
/// END; `state on all` answers a SUCCESS line *and then* the history block; `version 3` answers nothing at all in
/// OpenVPN 2.6. The reader must know this to match lines to commands first-in first-out.
/// </summary>
public sealed record ReplyShape(ImmutableArray<ReplyPart> Parts)
{
    public static readonly ReplyShape SingleLine = new([ReplyPart.SingleLine]);

    public static readonly ReplyShape MultiLine = new([ReplyPart.MultiLine]);

    public static readonly ReplyShape SuccessThenMultiLine = new([ReplyPart.SingleLine, ReplyPart.MultiLine]);

    /// <summary>No reply at all: nothing is queued for it.</summary>
    public static readonly ReplyShape None = new(ImmutableArray<ReplyPart>.Empty);

    public bool ExpectsReply => !Parts.IsDefaultOrEmpty;

    public override string ToString() => ExpectsReply ? string.Join('+', Parts) : "None";
}
