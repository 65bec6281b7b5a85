using Causeway.Core.Model;

namespace Causeway.Core.Access;

/// <summary>
/// Where the access servers' files live. Persistent (under state_dir, one 0700 directory of 0600 files): the PKI and
/// the client registry. Runtime (under run_dir's 0700 OpenVPN directory): each server's config, management socket
/// and pid file. Pure path arithmetic.
/// </summary>
/// <param name="Directory">&lt;state_dir&gt;/access: 0700, root's.</param>
/// <param name="RunDirectory">&lt;run_dir&gt;/openvpn: 0700, shared with the egress client (OpenVPN makes its sockets 0777).</param>
public sealed record AccessPaths(string Directory, string RunDirectory)
{
    public static AccessPaths For(InstanceSettings instance) =>
        new(Path.Combine(instance.StateDirectory, "access"), instance.OpenVpnDirectory);

    /// <summary>The CA certificate: OpenVPN's `ca` on the servers, and inline in every client profile.</summary>
    public string CaCertificate => Path.Combine(Directory, "ca.crt");

    /// <summary>The CA's private key: signs client certificates and the CRL. Never leaves this host.</summary>
    public string CaPrivateKey => Path.Combine(Directory, "ca.key");

    public string ServerCertificate => Path.Combine(Directory, "server.crt");

    public string ServerPrivateKey => Path.Combine(Directory, "server.key");

    /// <summary>Shared by both servers and every client: wraps the TLS handshake, so a scan sees nothing to answer.</summary>
    public string TlsCryptKey => Path.Combine(Directory, "tls-crypt.key");

    /// <summary>OpenVPN's `crl-verify`: re-read by the servers at every connection, so a revocation needs no restart.</summary>
    public string Crl => Path.Combine(Directory, "crl.pem");

    /// <summary>
    /// &lt;state_dir&gt;/access.lock: held while the PKI, the CRL or the client registry changes. Beside the directory,
    /// not in it: it is needed before the directory exists, and is no part of the PKI.
    /// </summary>
    public string LockFile => Directory.TrimEnd('/') + ".lock";

    /// <summary>Every client ever added: name, certificate serial, when created, last seen, revoked.</summary>
    public string ClientRegistry => Path.Combine(Directory, "clients.json");

    /// <summary>When each client was last seen connected: written by the daemon only.</summary>
    public string LastSeen => Path.Combine(Directory, "last-seen.json");

    /// <summary>The PKI files in the order they are created and checked.</summary>
    public IReadOnlyList<string> PkiFiles => [CaCertificate, CaPrivateKey, ServerCertificate, ServerPrivateKey, TlsCryptKey, Crl];

    /// <summary>The generated server config, e.g. &lt;run_dir&gt;/openvpn/access-udp.conf (0600: it names the keys).</summary>
    public string ServerConfig(AccessServerSettings server) => Path.Combine(RunDirectory, $"access-{server.TransportName}.conf");

    /// <summary>e.g. &lt;run_dir&gt;/openvpn/access-tcp.sock: status, client-kill.</summary>
    public string ManagementSocket(AccessServerSettings server) => Path.Combine(RunDirectory, $"access-{server.TransportName}.sock");

    public string PidFile(AccessServerSettings server) => Path.Combine(RunDirectory, $"access-{server.TransportName}.pid");

    /// <summary>
    /// e.g. &lt;run_dir&gt;/openvpn/access-udp.log: the server's own output. It outlives `causeway up`, so it cannot
    /// write into the daemon's pipes; the daemon follows its log through the management socket instead.
    /// </summary>
    public string ServerLog(AccessServerSettings server) => Path.Combine(RunDirectory, $"access-{server.TransportName}.log");
}
