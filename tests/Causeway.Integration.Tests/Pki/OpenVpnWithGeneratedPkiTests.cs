using System.Globalization;
using System.Numerics;
using Causeway.Core.Pki;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Pki;

/// <summary>
/// A real OpenVPN 2.6 server and client in two namespaces joined by a veth, using ONLY files this PKI wrote: CA,
/// server and client certificates and keys, the tls-crypt key and the CRL. A client with a good certificate gets
/// through (Initialization Sequence Completed, then a ping over the tunnel); a revoked one is refused by crl-verify.
/// </summary>
public sealed class OpenVpnWithGeneratedPkiTests : IDisposable
{
    private const string ServerName = "duo.example.test";
    private const string ServerAddress = "10.201.0.1";
    private const string ClientAddress = "10.201.0.2";
    private const string TunnelServerAddress = "10.8.0.1";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly PkiWorkspace _files = new();
    private readonly LinuxProcessLauncher _launcher = new();
    private readonly CertificateAuthority _ca;

    public OpenVpnWithGeneratedPkiTests() => _ca = CertificateAuthority.Create("Causeway Integration CA", _now, TimeSpan.FromDays(30));

    public void Dispose()
    {
        _ca.Dispose();
        _launcher.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task A_client_with_a_generated_certificate_connects_and_reaches_the_server_through_the_tunnel()
    {
        await using var scope = NetnsScope.Create();
        var (serverNs, clientNs) = await MakeNetworkAsync(scope);
        var revoked = _ca.IssueClient("phone-lost", _now, TimeSpan.FromDays(7));
        await using var server = await StartServerAsync(serverNs, revoked);

        await using var client = StartClient(clientNs, _ca.IssueClient("phone-anna", _now, TimeSpan.FromDays(7)));
        await client.WaitForLineAsync("Initialization Sequence Completed", ConnectTimeout);

        await server.WaitForLineAsync("phone-anna", ConnectTimeout);
        Assert.False(server.HasLogged("VERIFY ERROR"), server.Log);
        Assert.True(client.HasLogged($"VERIFY OK: depth=0, CN={ServerName}"), client.Log);
        Assert.True(client.HasLogged($"VERIFY X509NAME OK: CN={ServerName}"), client.Log);
        Assert.True(client.HasLogged("Validating certificate extended key usage"), client.Log);
        var ping = await scope.TryExecAsync(clientNs, "ping", "-c", "1", "-W", "5", TunnelServerAddress);
        Assert.True(ping.Succeeded, $"ping {TunnelServerAddress} over the tunnel: {ping.StandardOutput}{ping.StandardError}");
    }

    [Fact]
    public async Task A_revoked_client_is_refused_by_the_CRL()
    {
        await using var scope = NetnsScope.Create();
        var (serverNs, clientNs) = await MakeNetworkAsync(scope);
        var revoked = _ca.IssueClient("phone-lost", _now, TimeSpan.FromDays(7));
        await using var server = await StartServerAsync(serverNs, revoked);

        await using var client = StartClient(clientNs, revoked);
        var refusal = await server.WaitForLineAsync("VERIFY ERROR", ConnectTimeout);

        Assert.Contains("certificate revoked", refusal, StringComparison.Ordinal);
        Assert.Contains("CN=phone-lost", refusal, StringComparison.Ordinal);

        // OpenVPN logs the serial in decimal: it is the one the CRL lists.
        var decimalSerial = BigInteger.Parse("0" + revoked.SerialNumberHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.EndsWith($"serial={decimalSerial}", refusal, StringComparison.Ordinal);
        await client.WaitForLineAsync("SIGUSR1[soft,tls-error] received", ConnectTimeout);
        Assert.False(client.HasLogged("Initialization Sequence Completed"), client.Log);
    }

    private static async Task<(string Server, string Client)> MakeNetworkAsync(NetnsScope scope)
    {
        var server = await scope.AddNamespaceAsync("srv");
        var client = await scope.AddNamespaceAsync("cli");
        await scope.AddVethAsync(server, "s-cli", client, "c-srv");
        await scope.ExecAsync(server, "ip", "address", "add", $"{ServerAddress}/24", "dev", "s-cli");
        await scope.ExecAsync(client, "ip", "address", "add", $"{ClientAddress}/24", "dev", "c-srv");
        return (server, client);
    }

    /// <summary>The server's files and config, written as an access server would: PKI files 0600 in a 0700 directory.</summary>
    private async Task<OpenVpnProcess> StartServerAsync(string ns, IssuedCertificate revokedClient)
    {
        var (certificate, key) = _files.Write("server", _ca.IssueServer(ServerName, [ServerName, ServerAddress], _now, TimeSpan.FromDays(7)));
        var config = _files.Write("server.conf", $"""
            dev tun
            proto udp
            local {ServerAddress}
            port 1194
            topology subnet
            server 10.8.0.0 255.255.255.0
            ca {_files.Write("ca.crt", _ca.CertificatePem)}
            cert {certificate}
            key {key}
            dh none
            tls-crypt {_files.Write("tc.key", TlsCryptKey.Generate().ToOpenVpnFormat())}
            crl-verify {_files.Write("crl.pem", _ca.CreateCrl([new RevokedEntry(revokedClient.SerialNumberHex, _now)], 1, _now, TimeSpan.FromDays(1)))}
            remote-cert-tls client
            data-ciphers AES-256-GCM
            verb 3

            """);
        var server = OpenVpnProcess.Start("openvpn server", _launcher, ns, config);
        await server.WaitForLineAsync("Initialization Sequence Completed", StartTimeout);
        return server;
    }

    private OpenVpnProcess StartClient(string ns, IssuedCertificate client)
    {
        var (certificate, key) = _files.Write(client.CommonName, client);
        var config = _files.Write(client.CommonName + ".conf", $"""
            client
            dev tun
            proto udp
            remote {ServerAddress} 1194
            nobind
            ca {Path.Combine(_files.DirectoryPath, "ca.crt")}
            cert {certificate}
            key {key}
            tls-crypt {Path.Combine(_files.DirectoryPath, "tc.key")}
            remote-cert-tls server
            verify-x509-name {ServerName} name
            data-ciphers AES-256-GCM
            connect-retry 1 1
            hand-window 5
            verb 3

            """);
        return OpenVpnProcess.Start($"openvpn client {client.CommonName}", _launcher, ns, config);
    }
}
