using System.Collections.Immutable;
using Causeway.Core.Access;
using Causeway.Core.Backup;
using Causeway.Core.Pki;

namespace Causeway.Core.Tests.Backup;

/// <summary>
/// A Duo host's backup, made of real PKI files (a CA, the server certificate, a tls-crypt key, a CRL that lists the
/// one revoked client, the registry): made once, shared by the tests, which change copies of it.
/// </summary>
internal static class BackupTestData
{
    public const string ConfigPath = BackupSample.ConfigPath;
    public static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public const string Config = BackupSample.Config;

    /// <summary>A provider profile that names one file beside it (its CA) and inlines the rest.</summary>
    public const string Profile = BackupSample.Profile;

    public const string Auth = "user\npassword\n";

    private static readonly Lazy<(ImmutableArray<BackupFile> Files, string RevokedSerial)> Pki = new(MakePki);

    public static ImmutableArray<BackupFile> AccessFiles => Pki.Value.Files;

    /// <summary>The serial of the client the registry and the CRL say was revoked.</summary>
    public static string RevokedSerial => Pki.Value.RevokedSerial;

    public static BackupContents Contents() => new(
        Now,
        "causeway test",
        "causeway",
        ConfigPath,
        new BackupFile(BackupRole.Config, "causeway.toml", (UnixFileMode)0x1A4, Config),
        AccessFiles,
        [
            new BackupFile(BackupRole.Provider, "provider.ovpn", (UnixFileMode)0x1A4, Profile),
            new BackupFile(BackupRole.Provider, "provider.auth", (UnixFileMode)0x180, Auth),
            new BackupFile(BackupRole.Provider, "provider-ca.crt", (UnixFileMode)0x1A4, AccessFile("ca.crt").Text),
        ]);

    public static BackupFile AccessFile(string name) => AccessFiles.Single(f => f.Name == name);

    /// <summary>The contents with one access file's text replaced (or removed, for null).</summary>
    public static BackupContents WithAccess(string name, string? text)
    {
        var contents = Contents();
        var others = contents.Access.Where(f => f.Name != name);
        return contents with { Access = text is null ? [.. others] : [.. others, AccessFile(name) with { Text = text }] };
    }

    private static (ImmutableArray<BackupFile>, string) MakePki()
    {
        var start = Now - TimeSpan.FromDays(30);
        using var ca = CertificateAuthority.Create("Causeway causeway access CA", start, TimeSpan.FromDays(3650));
        var server = ca.IssueServer("causeway-access-server", [], start, TimeSpan.FromDays(1825));
        var phone = ca.IssueClient("phone", start, TimeSpan.FromDays(1825));
        var lost = ca.IssueClient("lost", start, TimeSpan.FromDays(1825));
        var revokedAt = start + TimeSpan.FromDays(1);
        var crl = ca.CreateCrl([new RevokedEntry(lost.SerialNumberHex, revokedAt)], 2, Now - TimeSpan.FromDays(1), TimeSpan.FromDays(90));
        var registry = AccessClientRegistry.Empty
            .Add(new AccessClientRecord("phone", phone.SerialNumberHex, start, phone.NotAfter, null))
            .Add(new AccessClientRecord("lost", lost.SerialNumberHex, start, lost.NotAfter, revokedAt));
        var lastSeen = AccessLastSeen.Empty.MarkSeen(["phone"], Now, TimeSpan.Zero);
        BackupFile File(string name, string text) => new(BackupRole.Access, name, PkiFileModes.File, text);
        return (
        [
            File("ca.crt", ca.CertificatePem),
            File("ca.key", ca.PrivateKeyPem),
            File("server.crt", server.CertificatePem),
            File("server.key", server.PrivateKeyPem),
            File("tls-crypt.key", TlsCryptKey.Generate().ToOpenVpnFormat()),
            File("crl.pem", crl),
            File("clients.json", registry.ToJson()),
            File("last-seen.json", lastSeen.ToJson()),
        ], lost.SerialNumberHex);
    }
}
