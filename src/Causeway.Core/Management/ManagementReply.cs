using System.Collections.Immutable;

namespace Causeway.Core.Management;

/// <summary>A command's reply.</summary>
/// <param name="IsSuccess">False when any part was an `ERROR:` line.</param>
/// <param name="Message">The text after `SUCCESS: ` or `ERROR: ` (parts joined with "; "); empty for a pure block.</param>
/// <param name="Lines">The lines of a multi-line block, without the closing END.</param>
public sealed record ManagementReply(bool IsSuccess, string Message, ImmutableArray<string> Lines) : ManagementMessage
{
    public static ManagementReply Success(string message) => new(true, message, []);

    public static ManagementReply Error(string message) => new(false, message, []);

    public static ManagementReply Block(IEnumerable<string> lines) => new(true, string.Empty, [.. lines]);

    /// <summary>Throws, naming the command and OpenVPN's answer, if the reply is an error.</summary>
    public ManagementReply EnsureSuccess(string command) =>
        IsSuccess
            ? this
            : throw new InvalidOperationException($"OpenVPN refused the management command `{command}`: ERROR: {Message}");

    public override string ToString() => IsSuccess
        ? Lines.IsDefaultOrEmpty ? $"SUCCESS: {Message}" : $"SUCCESS: {Message} (+{Lines.Length} lines)"
        : $"ERROR: {Message}";
}
