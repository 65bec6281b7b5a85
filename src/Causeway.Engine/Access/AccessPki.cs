using System.Collections.Immutable;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Access;

/// <summary>
/// The access servers' PKI in &lt;state_dir&gt;/access, through the seams only. On first use it makes an EC P-256 CA,
/// the server certificate, the tls-crypt key and an empty CRL (0600 files in a 0700 directory, root's); on every
/// later use it checks them and refuses, naming the file and the fix, when one does not parse, does not chain to
/// the CA, has a key that is not its certificate's, or can be read (or changed) by anyone but root. It publishes a
/// new CRL well before the current one expires (OpenVPN refuses every client once it has), and a new server
/// certificate before the current one does.
/// </summary>
public sealed class AccessPki
{
    /// <summary>The CA: the clients' profiles trust it, so it outlives them.</summary>
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    public static readonly TimeSpan ServerValidity = TimeSpan.FromDays(1825);

    /// <summary>Client certificates; never beyond the CA's own end.</summary>
    public static readonly TimeSpan ClientValidity = TimeSpan.FromDays(1825);

    /// <summary>The server certificate is reissued (same name, same CA: clients notice nothing) this long before it expires.</summary>
    public static readonly TimeSpan ServerRenewBefore = TimeSpan.FromDays(60);

    /// <summary>How long a published CRL is valid (its nextUpdate).</summary>
    public static readonly TimeSpan CrlLifetime = TimeSpan.FromDays(90);

    /// <summary>A new CRL is published when the current one has less than this left: about monthly.</summary>
    public static readonly TimeSpan CrlRenewBefore = TimeSpan.FromDays(60);

    /// <summary>The files must be root's: the daemon runs as root, and only root may read the keys or change the CRL.</summary>
    public const int OwnerUid = 0;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly AccessPaths _paths;
    private readonly string _instanceName;
    private readonly IFileSystem _files;
    private readonly TimeProvider _time;

    public AccessPki(AccessPaths paths, string instanceName, IFileSystem files, TimeProvider time)
    {
        _paths = paths;
        _instanceName = instanceName;
        _files = files;
        _time = time;
    }

    public AccessPaths Paths => _paths;

    /// <summary>The server certificate's CN for an instance: what client profiles pin with `verify-x509-name`.</summary>
    public static string ServerCommonNameFor(string instanceName) => $"{instanceName}-access-server";

    /// <summary>How long a second causeway process waits for the PKI's lock before giving up with a clear error.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The PKI's lock between processes (<see cref="AccessPaths.LockFile"/>). Every change to the PKI, the CRL or the
    /// client registry is made under it: two revocations at once, or one while the daemon renews the CRL, would each
    /// publish a CRL without the other's serial, and a revoked client could connect again. Taken once, around the
    /// whole operation (it is not reentrant).
    /// </summary>
    public IDisposable Lock()
    {
        EnsureStateDirectory();
        return _files.LockExclusive(_paths.LockFile, LockWait);
    }

    /// <summary>
    /// state_dir, which holds the lock and the PKI's directory: made and marked as the instance's if missing, never
    /// taken over if it holds someone else's files (<see cref="OwnedDirectories"/>).
    /// </summary>
    private void EnsureStateDirectory()
    {
        if (Path.GetDirectoryName(_paths.LockFile) is { } stateDirectory)
        {
            new OwnedDirectories(_files).Ensure(stateDirectory, PkiFileModes.Directory, _instanceName);
        }
    }

    /// <summary>
    /// Makes the PKI if there is none (or if an incomplete one has issued nothing yet), else checks it, then renews
    /// the CRL and the server certificate when due. Call it before starting the servers, before issuing or revoking,
    /// and about daily while the servers run (the CRL must never expire).
    /// </summary>
    /// <exception cref="AccessPkiException">The PKI cannot be used: every problem, each naming its file and the fix.</exception>
    public AccessPkiStatus EnsureReady()
    {
        var now = _time.GetUtcNow();
        var directory = Stat(_paths.Directory);
        if (!directory.Exists)
        {
            EnsureStateDirectory();
            _files.EnsureDirectory(_paths.Directory, PkiFileModes.Directory);
            return Create(now, "made a new PKI");
        }

        var problems = new List<PkiProblem>();
        if (!directory.IsDirectory)
        {
            throw Refuse([Error(_paths.Directory, "is not a directory: move it away, and Causeway makes the PKI there")]);
        }

        CheckOwnerAndMode(_paths.Directory, directory, isDirectory: true, problems);
        var registry = ReadRegistry(problems);
        if (problems.Count > 0)
        {
            // Nothing in a directory others can reach, or beside a registry that cannot be read, is worth reading.
            throw Refuse(problems);
        }

        var missing = _paths.PkiFiles.Where(f => !Stat(f).Exists).ToList();
        var issuedAny = registry is { Clients.Length: > 0 };
        if (missing.Count > 0 && !issuedAny)
        {
            // Nothing was handed out yet (a first start cut short, or files removed): starting over loses nothing.
            return Create(now, missing.Count == _paths.PkiFiles.Count
                ? "made a new PKI"
                : $"made a new PKI: {string.Join(", ", missing.Select(Path.GetFileName))} missing and no client issued yet");
        }

        var crlMissing = missing.Remove(_paths.Crl);
        foreach (var file in missing)
        {
            problems.Add(Error(file,
                $"is missing, and {registry?.Clients.Length ?? 0} client(s) were issued from this PKI: restore it from a backup; to start over " +
                $"instead, move {_paths.Directory} away (every client then needs a new profile)"));
        }

        foreach (var file in _paths.PkiFiles.Where(f => !missing.Contains(f) && !(f == _paths.Crl && crlMissing)))
        {
            CheckOwnerAndMode(file, Stat(file), isDirectory: false, problems);
        }

        if (problems.Count > 0)
        {
            throw Refuse(problems);
        }

        var set = new PkiFileSet(
            Read(_paths.CaCertificate, problems),
            Read(_paths.CaPrivateKey, problems),
            Read(_paths.ServerCertificate, problems),
            Read(_paths.ServerPrivateKey, problems),
            crlMissing ? null : Read(_paths.Crl, problems),
            Read(_paths.TlsCryptKey, problems));
        if (problems.Count > 0)
        {
            throw Refuse(problems);
        }

        // The CRL is checked as of its own thisUpdate: an expired one (the host was off for months) is only due for
        // renewal below, not a reason to refuse. Whether it parses and is the CA's is checked all the same.
        var findings = PkiValidator.Validate(set with { Crl = null }, now).ToList();
        if (set.Crl is { } crlFile)
        {
            findings.AddRange(PkiValidator.CheckCrl(set.CaCertificate, crlFile, ThisUpdateOf(crlFile.Text) ?? now));
        }

        var errors = findings.Where(f => f.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw Refuse(errors);
        }

        var changes = ImmutableArray.CreateBuilder<string>();
        using var ca = CertificateAuthority.Load(set.CaCertificate.Text, set.CaPrivateKey!.Text);
        var serverNotAfter = NotAfterOf(set.ServerCertificate!.Text);
        var serverName = CommonNameOf(set.ServerCertificate.Text);
        if (serverNotAfter - now < ServerRenewBefore)
        {
            var server = ca.IssueServer(serverName, [], now, Bounded(ca, now, ServerValidity));
            WriteSecret(_paths.ServerPrivateKey, server.PrivateKeyPem);
            WriteSecret(_paths.ServerCertificate, server.CertificatePem);
            changes.Add($"issued a new server certificate (the old one expires on {serverNotAfter:u}, the new one on {server.NotAfter:u}); restart the servers to use it");
            serverNotAfter = server.NotAfter;
        }

        var crl = crlMissing ? null : CrlContents.Parse(set.Crl!.Text);
        if (crl is null || crl.NextUpdate is not { } next || next - now < CrlRenewBefore || crl.ThisUpdate > now)
        {
            var revoked = Merge(crl?.Revoked ?? [], RevokedInRegistry(registry));
            crl = Publish(ca, revoked, (crl?.CrlNumber ?? 0) + 1, now);
            changes.Add(crlMissing
                ? $"wrote a new CRL from the client registry ({revoked.Count} revoked)"
                : $"renewed the CRL (valid until {crl.NextUpdate:u})");
        }

        return new AccessPkiStatus(
            Created: false,
            serverName,
            ca.NotAfter,
            serverNotAfter,
            crl.NextUpdate ?? now,
            changes.ToImmutable(),
            [.. findings.Where(f => f.Severity == DiagnosticSeverity.Warning)]);
    }

    /// <summary>What a client profile carries besides the client's own certificate: read after <see cref="EnsureReady"/>.</summary>
    public AccessPkiMaterial ReadMaterial()
    {
        var server = _files.ReadAllText(_paths.ServerCertificate);
        return new AccessPkiMaterial(_files.ReadAllText(_paths.CaCertificate), CommonNameOf(server), _files.ReadAllText(_paths.TlsCryptKey));
    }

    /// <summary>A new client certificate from the CA (after <see cref="EnsureReady"/>).</summary>
    public IssuedCertificate IssueClient(ClientName name)
    {
        var now = _time.GetUtcNow();
        using var ca = LoadAuthority();
        return ca.IssueClient(name.Value, now, Bounded(ca, now, ClientValidity));
    }

    /// <summary>
    /// Adds the serial to the CRL and publishes it at once (one atomic write): the servers read it at every new
    /// connection, so the client can never connect again. Revoking a serial already listed publishes it unchanged.
    /// </summary>
    public CrlContents Revoke(string serialNumberHex, DateTimeOffset at)
    {
        var now = _time.GetUtcNow();
        using var ca = LoadAuthority();
        var current = CrlContents.Parse(_files.ReadAllText(_paths.Crl));
        var revoked = Merge(current.Revoked, [new RevokedEntry(serialNumberHex, at)]);
        return Publish(ca, revoked, (current.CrlNumber ?? 0) + 1, now);
    }

    /// <summary>The CRL as published now.</summary>
    public CrlContents ReadCrl() => CrlContents.Parse(_files.ReadAllText(_paths.Crl));

    private AccessPkiStatus Create(DateTimeOffset now, string change)
    {
        using var ca = CertificateAuthority.Create($"Causeway {_instanceName} access CA", now, CaValidity);
        var server = ca.IssueServer(ServerCommonNameFor(_instanceName), [], now, Bounded(ca, now, ServerValidity));

        // Keys before certificates and the CRL last: whatever a crash leaves behind is incomplete, never mismatched in a
        // way that looks whole (and with no client issued, the next start simply makes it again).
        WriteSecret(_paths.CaPrivateKey, ca.PrivateKeyPem);
        WriteSecret(_paths.CaCertificate, ca.CertificatePem);
        WriteSecret(_paths.ServerPrivateKey, server.PrivateKeyPem);
        WriteSecret(_paths.ServerCertificate, server.CertificatePem);
        WriteSecret(_paths.TlsCryptKey, TlsCryptKey.Generate().ToOpenVpnFormat());
        var crl = Publish(ca, [], 1, now);
        return new AccessPkiStatus(true, server.CommonName, ca.NotAfter, server.NotAfter, crl.NextUpdate ?? now, [change], []);
    }

    private CrlContents Publish(CertificateAuthority ca, IReadOnlyList<RevokedEntry> revoked, BigInteger number, DateTimeOffset now)
    {
        var pem = ca.CreateCrl(revoked, number, now, CrlLifetime);
        WriteSecret(_paths.Crl, pem);
        return CrlContents.Parse(pem);
    }

    private CertificateAuthority LoadAuthority()
    {
        try
        {
            return CertificateAuthority.Load(_files.ReadAllText(_paths.CaCertificate), _files.ReadAllText(_paths.CaPrivateKey));
        }
        catch (PkiException e)
        {
            throw Refuse([Error(_paths.CaCertificate, e.Message)]);
        }
    }

    /// <summary>The validity to ask for: <paramref name="wanted"/>, but never past the CA's end (less the clock-skew margin).</summary>
    private static TimeSpan Bounded(CertificateAuthority ca, DateTimeOffset now, TimeSpan wanted)
    {
        var left = ca.NotAfter - now - CertificateAuthority.ClockSkewAllowance;
        if (left < TimeSpan.FromDays(1))
        {
            throw new AccessPkiException(
                [new PkiProblem(DiagnosticSeverity.Error, "CA", $"the access CA expires on {ca.NotAfter:u}: nothing more can be issued from it")],
                $"the access CA expires on {ca.NotAfter:u}: move the access directory away to make a new PKI (every client then needs a new profile)");
        }

        return wanted < left ? wanted : left;
    }

    private static List<RevokedEntry> Merge(IEnumerable<RevokedEntry> first, IEnumerable<RevokedEntry> second)
    {
        var merged = new List<RevokedEntry>();
        foreach (var entry in first.Concat(second))
        {
            if (!merged.Any(m => m.SerialNumberHex == entry.SerialNumberHex))
            {
                merged.Add(entry);
            }
        }

        return merged;
    }

    private static IEnumerable<RevokedEntry> RevokedInRegistry(AccessClientRegistry? registry) =>
        registry is null ? [] : registry.Clients.Where(c => c.RevokedAt is not null).Select(c => new RevokedEntry(c.SerialNumberHex, c.RevokedAt!.Value));

    private AccessClientRegistry? ReadRegistry(List<PkiProblem> problems)
    {
        if (!Stat(_paths.ClientRegistry).Exists)
        {
            return null;
        }

        try
        {
            return AccessClientRegistry.FromJson(_files.ReadAllText(_paths.ClientRegistry));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            problems.Add(Error(_paths.ClientRegistry, $"cannot be read ({e.Message}): restore it from a backup"));
            return null;
        }
    }

    private static void CheckOwnerAndMode(string path, FileFacts facts, bool isDirectory, List<PkiProblem> problems)
    {
        if (!isDirectory && facts.IsDirectory)
        {
            problems.Add(Error(path, "is a directory, not a file: move it away and restore the file"));
            return;
        }

        if (facts.OwnerUid != OwnerUid)
        {
            problems.Add(Error(path, $"is owned by uid {facts.OwnerUid}, not root: its owner could read the keys or change the CRL; chown root:root {Quote(path)}"));
        }

        if ((facts.Mode & GroupOrOthers) != 0)
        {
            var what = isDirectory ? "the directory of the access CA's key" : "part of the access PKI";
            problems.Add(Error(path,
                $"can be read or changed by group or others (mode {Octal(facts.Mode)}): it is {what}; chmod {(isDirectory ? "700" : "600")} {Quote(path)}"));
        }
    }

    private PkiFile Read(string path, List<PkiProblem> problems)
    {
        try
        {
            return new PkiFile(path, _files.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(Error(path, $"cannot be read ({e.Message}): run as root?"));
            return new PkiFile(path, string.Empty);
        }
    }

    private FileFacts Stat(string path)
    {
        try
        {
            return _files.Stat(path);
        }
        catch (IOException e)
        {
            throw Refuse([Error(path, $"cannot be checked ({e.Message}): run as root?")]);
        }
    }

    private void WriteSecret(string path, string text) => _files.WriteAllTextAtomic(path, text, PkiFileModes.File);

    private AccessPkiException Refuse(IReadOnlyList<PkiProblem> problems) =>
        new(problems,
            $"the access PKI in {_paths.Directory} cannot be used:\n" + string.Join('\n', problems.Select(p => $"  {p}")) +
            $"\nFix or restore the files named (a damaged crl.pem may be removed: Causeway writes a new one from the client registry); to start " +
            $"over instead, move {_paths.Directory} away (every client then needs a new profile).");

    private static PkiProblem Error(string path, string message) => new(DiagnosticSeverity.Error, path, message);

    private static DateTimeOffset? ThisUpdateOf(string pem)
    {
        try
        {
            return CrlContents.Parse(pem).ThisUpdate;
        }
        catch (PkiException)
        {
            return null;
        }
    }

    private static DateTimeOffset NotAfterOf(string pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
    }

    private static string CommonNameOf(string pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');

    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
