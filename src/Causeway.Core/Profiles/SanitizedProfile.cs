using System.Collections.Immutable;

namespace Causeway.Core.Profiles;

/// <summary>
/// What is left of a provider profile after <see cref="ProfileSanitizer"/>: only options that describe the connection,
/// every referenced file inlined. Only the sanitizer makes one, so holding one means the checks ran.
/// </summary>
public sealed class SanitizedProfile
{
    internal SanitizedProfile(
        string sourcePath,
        ImmutableArray<OvpnDirective> directives,
        ImmutableArray<ProfileInlineBlock> inlineBlocks,
        ImmutableArray<ProfileRemote> remotes,
        int? credentialsLine)
    {
        SourcePath = sourcePath;
        Directives = directives;
        InlineBlocks = inlineBlocks;
        Remotes = remotes;
        CredentialsLine = credentialsLine;
        Protocols = [.. remotes.Select(r => r.Protocol).Distinct()];
    }

    /// <summary>The provider profile this came from.</summary>
    public string SourcePath { get; }

    /// <summary>
    /// Kept options in profile order, normalized: every <c>remote</c> carries its port and protocol (so <c>proto</c>,
    /// <c>port</c> and <c>rport</c> are folded in and gone), <c>ncp-ciphers</c> is <c>data-ciphers</c>, a
    /// <c>tls-auth</c> direction became <c>key-direction</c>. No inline blocks: see <see cref="InlineBlocks"/>.
    /// </summary>
    public ImmutableArray<OvpnDirective> Directives { get; }

    /// <summary>Keys and certificates, inline in the profile or read from the files it named.</summary>
    public ImmutableArray<ProfileInlineBlock> InlineBlocks { get; }

    /// <summary>The provider's servers in the order OpenVPN tries them (at least one).</summary>
    public ImmutableArray<ProfileRemote> Remotes { get; }

    /// <summary>The line of the profile's <c>auth-user-pass</c>, if it had one.</summary>
    public int? CredentialsLine { get; }

    /// <summary>Whether the provider expects a username and password (the profile had <c>auth-user-pass</c>).</summary>
    public bool RequiresCredentials => CredentialsLine is not null;

    /// <summary>The transports the remotes use, each once, in the order they first appear.</summary>
    public ImmutableArray<TransportProtocol> Protocols { get; }

    public bool UsesUdp => Protocols.Contains(TransportProtocol.Udp);

    /// <summary>Whether the profile authenticates this client with a certificate (cert + key, or pkcs12).</summary>
    public bool HasClientCertificate =>
        HasBlock("pkcs12") || (HasBlock("cert") && HasBlock("key"));

    public bool HasBlock(string name) => InlineBlocks.Any(b => b.Name == name);
}
