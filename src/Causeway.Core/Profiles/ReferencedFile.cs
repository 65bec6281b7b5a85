namespace Causeway.Core.Profiles;

/// <summary>What reading a file a profile names (ca, cert, key, tls-auth …) gave the sanitizer.</summary>
/// <param name="Content">The file's text; null when it could not or must not be read.</param>
/// <param name="Problem">Why there is no content, e.g. "/etc/x/ca.crt is a FIFO (named pipe), not a regular file".</param>
/// <param name="Unchecked">
/// It could not be read for want of root (`causeway plan` as a user): a warning, not an error, and the option
/// counts as given so that what depends on it is still checked. Never for `up`, which runs as root.
/// </param>
/// <param name="Permissions">
/// Its mode and owner, so that a private key others can read is refused as the auth file is; null when the caller
/// cannot tell (then only the content is judged).
/// </param>
public sealed record ReferencedFile(string? Content, string? Problem, bool Unchecked = false, ReferencedFilePermissions? Permissions = null)
{
    public static ReferencedFile Read(string content, ReferencedFilePermissions? permissions = null) => new(content, null, Permissions: permissions);

    /// <summary>Missing, unreadable, or refused (not a regular file, too large).</summary>
    public static ReferencedFile Failed(string? problem) => new(null, problem);

    public static ReferencedFile NotReadableWithoutRoot(string problem) => new(null, problem, Unchecked: true);
}
