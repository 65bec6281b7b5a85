namespace Causeway.Core.Profiles;

/// <summary>What the caller found at a path a profile names (ca, key, tls-auth …): its text, and who may read it.</summary>
/// <param name="Text">The file's content.</param>
/// <param name="Permissions">
/// Its mode and owner, so that a private key others can read is refused as the auth file is; null when the caller
/// cannot tell (then only the content is judged).
/// </param>
public sealed record ReferencedFile(string Text, ReferencedFilePermissions? Permissions = null);
