using System.Globalization;
using Causeway.Core.Model;
using Causeway.Core.Profiles;

namespace Causeway.Core.Access;

/// <summary>
/// Writes one client's unified .ovpn: every key inline, nothing else to copy, accepted unmodified by stock clients
/// (the openvpn command, OpenVPN Connect, NetworkManager's importer). Only plain top-level options: no
/// &lt;connection&gt; blocks (NetworkManager refuses them), no scripts, no file paths.
/// </summary>
/// <remarks>
/// One `remote` per server with its protocol, UDP first: a client tries UDP, and when nothing answers within
/// `server-poll-timeout` (a network that drops UDP) it goes on to TCP 443, within seconds rather than OpenVPN's
/// default two minutes. Everything else the client needs (routes, DNS, keepalive) is pushed by the servers, so
/// profiles stay valid when [access] changes; only a new public_address, port or CA needs new profiles.
/// </remarks>
public static class AccessClientProfileWriter
{
    public static string Write(AccessClientProfileOptions options)
    {
        Check(options);
        var w = new ConfigWriter();
        w.Comment($"OpenVPN profile \"{options.Client.CommonName}\" for {options.ServerHost}, made by Causeway (instance {options.InstanceName})");
        w.Comment($"on {options.Created:u}; valid until {options.Client.NotAfter:u}.");
        w.Comment("It holds this client's private key: keep it as secret as a password. Import it as it is.");
        w.Option("client");
        w.Option("dev", "tun");
        w.Option("nobind");
        foreach (var server in options.Servers)
        {
            w.Option("remote", options.ServerHost, Number(server.Port), server.Transport == AccessTransport.Udp ? "udp" : "tcp");
        }

        w.Comment("Go on to the next remote (UDP, then TCP) after this many seconds without an answer, not 120.");
        w.Option("server-poll-timeout", Number(AccessTuning.ServerPollTimeoutSeconds));
        w.Option("connect-retry", Number(AccessTuning.ConnectRetrySeconds), Number(AccessTuning.ConnectRetryMaxSeconds));
        w.Option("persist-key");
        w.Option("persist-tun");
        w.Comment("Only this server: a certificate from this profile's CA, issued for a server, with this name.");
        w.Option("remote-cert-tls", "server");
        w.Option("verify-x509-name", options.ServerCommonName, "name");
        w.Option("tls-version-min", "1.2");
        w.Option("data-ciphers", AccessTuning.DataCiphers);
        w.Option("verb", "3");
        w.Block("ca", options.CaCertificatePem);
        w.Block("cert", options.Client.CertificatePem);
        w.Block("key", options.Client.PrivateKeyPem);
        w.Block("tls-crypt", options.TlsCryptKey);
        return w.ToString();
    }

    private static void Check(AccessClientProfileOptions options)
    {
        if (options.Servers.IsDefaultOrEmpty)
        {
            throw new ArgumentException("a profile needs at least one server", nameof(options));
        }

        if (options.ServerHost.Length == 0 || options.ServerHost.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '\\' or '#' or ';'))
        {
            throw new ArgumentException($"'{options.ServerHost}' is not a host name or address to write into a profile", nameof(options));
        }

        // An inline block ends at its closing tag: content holding one would end it early and inject options.
        foreach (var (name, content) in new[]
                 {
                     ("ca", options.CaCertificatePem), ("cert", options.Client.CertificatePem), ("key", options.Client.PrivateKeyPem),
                     ("tls-crypt", options.TlsCryptKey),
                 })
        {
            if (content.Contains('<', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(content))
            {
                throw new ArgumentException($"the {name} material is empty or contains '<': it cannot be inlined", nameof(options));
            }
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
