namespace Causeway.Core.Profiles;

/// <summary>
/// Turns an untrusted provider profile into a <see cref="SanitizedProfile"/> by allowlist: options that describe the
/// connection are kept (normalized), key material is inlined, the common options that are Causeway's business
/// (routes, DNS, device, scripts, keepalive) are dropped with a warning, and anything that could run code, read or
/// write files, or is simply unknown is an error. Every finding is reported, not only the first.
/// </summary>
public static class ProfileSanitizer
{
    /// <param name="profile">The parsed profile; its parse errors are part of the result.</param>
    /// <param name="readReferencedFile">
    /// Reads a file the profile names (ca, cert, key, tls-auth …), given its path resolved against the profile's
    /// directory; returns null when the file is missing or unreadable. The only I/O, and the caller's.
    /// </param>
    public static ProfileSanitizeResult Sanitize(OvpnProfile profile, Func<string, string?> readReferencedFile) =>
        SanitizeChecked(profile, path => readReferencedFile(path) is { } content ? ReferencedFile.Read(content) : ReferencedFile.Failed(null));

    /// <param name="profile">The parsed profile; its parse errors are part of the result.</param>
    /// <param name="readReferencedFile">
    /// Reads a file the profile names, given its path resolved against the profile's directory, and says why when it
    /// gives no content (a FIFO, a device, too large …), with the file's mode and owner where the caller knows them:
    /// a private key (key, tls-auth, tls-crypt …) that group or others can read, or that is not root's, is refused as
    /// the auth file is. The only I/O, and the caller's.
    /// </param>
    public static ProfileSanitizeResult SanitizeChecked(OvpnProfile profile, Func<string, ReferencedFile> readReferencedFile) =>
        new ProfileSanitizerRun(profile, readReferencedFile).Run();
}
