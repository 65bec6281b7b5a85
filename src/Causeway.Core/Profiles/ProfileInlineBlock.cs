namespace Causeway.Core.Profiles;

/// <summary>Key or certificate material the client config carries inline, e.g. <c>&lt;ca&gt;</c> … <c>&lt;/ca&gt;</c>.</summary>
/// <param name="Name">The option: ca, cert, key, tls-auth, tls-crypt, tls-crypt-v2, extra-certs, pkcs12, crl-verify, peer-fingerprint.</param>
/// <param name="Content">The material, lines ending in "\n" (CRLF normalized).</param>
/// <param name="Line">The profile line that gave it (the opening tag, or the option naming a file).</param>
/// <param name="SourceFile">The file it was read from, when the profile referred to one; null when it was inline.</param>
public sealed record ProfileInlineBlock(string Name, string Content, int Line, string? SourceFile);
