namespace Causeway.Core.Profiles;

/// <summary>What reading a file a profile names (ca, cert, key …) gave the sanitizer.</summary>
/// <param name="Content">The file's text; null when it could not or must not be read.</param>
/// <param name="Problem">Why there is no content, e.g. "/etc/x/ca.crt is a FIFO (named pipe), not a regular file".</param>
/// <param name="Unchecked">
/// It could not be read for want of root (`causeway plan` as a user): a warning, not an error, and the option
/// counts as given so that what depends on it is still checked. Never for `up`, which runs as root.
/// </param>
public sealed record ReferencedFile(string? Content, string? Problem, bool Unchecked = false)
{
    public static ReferencedFile Read(string content) => new(content, null);

    /// <summary>Missing, unreadable, or refused (not a regular file, too large).</summary>
    public static ReferencedFile Failed(string? problem) => new(null, problem);

    public static ReferencedFile NotReadableWithoutRoot(string problem) => new(null, problem, Unchecked: true);
}
