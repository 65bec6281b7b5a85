using System.Collections.Immutable;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Access;

/// <summary>
/// `causeway client add | list | revoke`: issues client certificates and their profiles, keeps the registry
/// (&lt;state_dir&gt;/access/clients.json) and revokes through the CRL. Through the seams only; the PKI is made on
/// first use. Ending a revoked client's live sessions is the caller's next step
/// (<see cref="AccessServerSessions.KillAsync(string, CancellationToken)"/> with <see cref="AccessRevocation.CommonName"/>): the CRL alone
/// refuses only new connections.
/// </summary>
public sealed class AccessClients
{
    /// <summary>How stale a last-seen time may get before it is written again.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private readonly AccessSettings _access;
    private readonly string _instanceName;
    private readonly IFileSystem _files;
    private readonly TimeProvider _time;

    public AccessClients(AccessSettings access, InstanceSettings instance, IFileSystem files, TimeProvider time)
    {
        _access = access;
        _instanceName = instance.Name;
        _files = files;
        _time = time;
        Paths = AccessPaths.For(instance);
        Pki = new AccessPki(Paths, instance.Name, files, time);
    }

    public AccessPaths Paths { get; }

    public AccessPki Pki { get; }

    /// <summary>
    /// Issues a certificate for a new client and returns its profile (the only copy of its private key: the caller
    /// writes it where the user asked, 0600). The client is recorded before the profile is returned.
    /// </summary>
    /// <param name="serverHost">
    /// What the profile connects to: access.public_address, or the uplink address when public
    /// (<see cref="PublicAddresses.ChooseServerHost"/>).
    /// </param>
    /// <exception cref="AccessClientException">An invalid name, a name in use, or the server's own name.</exception>
    /// <exception cref="AccessPkiException">The PKI cannot be used (nothing is issued).</exception>
    public AccessClientProfile Add(string name, string serverHost)
    {
        var clientName = ClientName.Parse(name);
        using var pkiLock = Pki.Lock();
        var status = Pki.EnsureReady();
        var registry = ReadRegistry();
        if (registry.FindActive(clientName.Value) is { } existing)
        {
            // Before issuing anything: Add below would refuse it too, after a certificate was made for nothing.
            registry.Add(existing with { Name = clientName.Value });
        }

        if (clientName.Matches(status.ServerCommonName))
        {
            throw new AccessClientException($"client name \"{clientName}\" is the server's own name: choose another, e.g. \"{clientName}-1\"");
        }

        var now = _time.GetUtcNow();
        var issued = Pki.IssueClient(clientName);
        var material = Pki.ReadMaterial();
        var profile = AccessClientProfileWriter.Write(new AccessClientProfileOptions(
            _instanceName, serverHost, _access.Servers, material.ServerCommonName, material.CaCertificatePem, issued, material.TlsCryptKey, now));
        var record = new AccessClientRecord(clientName.Value, issued.SerialNumberHex, now, issued.NotAfter, RevokedAt: null);
        WriteRegistry(registry.Add(record));
        return new AccessClientProfile(record, profile);
    }

    /// <summary>Every client ever added, revoked ones included, in the order they were added.</summary>
    public ImmutableArray<AccessClientRecord> List() => ReadRegistry().Clients;

    /// <summary>The registry as it is on disk (empty before the first client).</summary>
    /// <exception cref="AccessClientException">clients.json cannot be read.</exception>
    public AccessClientRegistry ReadRegistry()
    {
        var path = Paths.ClientRegistry;
        if (!_files.Stat(path).Exists)
        {
            return AccessClientRegistry.Empty;
        }

        try
        {
            return AccessClientRegistry.FromJson(_files.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new AccessClientException($"reading the client registry {path}: {e.Message} (restore it from a backup; run as root?)", e);
        }
    }

    /// <summary>
    /// Revokes the active client of this name: its serial goes into the CRL (published at once, atomically), then
    /// the registry marks it. Returns the CN whose live sessions the caller then ends through the servers'
    /// management sockets.
    /// </summary>
    /// <exception cref="AccessClientException">No active client has this name (unknown, or revoked already).</exception>
    /// <exception cref="AccessPkiException">The PKI cannot be used (nothing is changed).</exception>
    public AccessRevocation Revoke(string name)
    {
        using var pkiLock = Pki.Lock();
        Pki.EnsureReady();
        var now = _time.GetUtcNow();
        var registry = ReadRegistry().Revoke(name, now, out var revoked);

        // The CRL first: it is what keeps the client out. If the registry write fails after it, revoking again
        // finds the client still active, and publishes the same CRL again.
        var crl = Pki.Revoke(revoked.SerialNumberHex, now);
        WriteRegistry(registry);
        return new AccessRevocation(revoked.Name, revoked.SerialNumberHex, now, crl.CrlNumber);
    }

    /// <summary>When each client was last seen connected (empty when the daemon never recorded any).</summary>
    public AccessLastSeen ReadLastSeen()
    {
        var path = Paths.LastSeen;
        try
        {
            return _files.Stat(path).Exists ? AccessLastSeen.FromJson(_files.ReadAllText(path)) : AccessLastSeen.Empty;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            // Only a convenience: a damaged file is replaced at the next record.
            return AccessLastSeen.Empty;
        }
    }

    /// <summary>
    /// For the daemon, after each look at the servers' status: records the connected clients' CNs as seen now.
    /// Writes only when a time moved by more than <see cref="LastSeenResolution"/>. Returns whether it wrote.
    /// </summary>
    public bool RecordSeen(IEnumerable<string> connectedCommonNames)
    {
        var before = ReadLastSeen();
        var after = before.MarkSeen(connectedCommonNames, _time.GetUtcNow(), LastSeenResolution);
        if (ReferenceEquals(before, after))
        {
            return false;
        }

        _files.WriteAllTextAtomic(Paths.LastSeen, after.ToJson(), PkiFileModes.File);
        return true;
    }

    private void WriteRegistry(AccessClientRegistry registry) =>
        _files.WriteAllTextAtomic(Paths.ClientRegistry, registry.ToJson(), PkiFileModes.File);
}
