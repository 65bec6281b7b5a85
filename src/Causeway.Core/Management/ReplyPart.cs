namespace Causeway.Core.Management;

/// <summary>One piece of a command's reply.</summary>
public enum ReplyPart
{
    /// <summary>One `SUCCESS: text` or `ERROR: text` line.</summary>
    SingleLine,

    /// <summary>Plain lines up to `END`; or a lone `ERROR: text` line when the command was refused.</summary>
    MultiLine,
}
