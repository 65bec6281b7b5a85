using System.Collections.Immutable;
using Causeway.Core.Model;
using Causeway.Core.Pki;

namespace Causeway.Core.Access;

/// <summary>What one client's profile is made from.</summary>
/// <param name="ServerHost">public_address, or the host's public uplink address: what clients connect to.</param>
/// <param name="Servers">The servers, UDP first: one `remote` line each, in this order.</param>
/// <param name="ServerCommonName">The server certificate's CN, pinned with `verify-x509-name`.</param>
/// <param name="CaCertificatePem">The CA certificate (inline &lt;ca&gt;).</param>
/// <param name="Client">The client's certificate and private key (inline &lt;cert&gt; and &lt;key&gt;).</param>
/// <param name="TlsCryptKey">The tls-crypt key in OpenVPN's static key format (inline &lt;tls-crypt&gt;).</param>
/// <param name="Created">When the client was added, for the header comment.</param>
public sealed record AccessClientProfileOptions(
    string InstanceName,
    string ServerHost,
    ImmutableArray<AccessServerSettings> Servers,
    string ServerCommonName,
    string CaCertificatePem,
    IssuedCertificate Client,
    string TlsCryptKey,
    DateTimeOffset Created)
{
    /// <summary>Never prints the keys.</summary>
    public override string ToString() =>
        $"AccessClientProfileOptions {{ Client = {Client.CommonName}, ServerHost = {ServerHost}, ServerCommonName = {ServerCommonName} }}";
}
