using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

/// <summary>
/// The checks in Core.Tests that run a program: the real OpenVPN 2.6 must accept rendered configs. OpenVPN parses
/// every option before it opens the management socket and stops at management-hold; after "hold release" it loads the
/// CA, certificate, key and tls-crypt key and sends its first handshake packet to the remote, here a UDP socket of the
/// test on 127.0.0.1: that packet proves the whole config, key material included, was accepted. No root, no tun
/// device (OpenVPN opens it only after the server answers), no traffic beyond loopback, no process left behind.
/// Skipped when openvpn is not installed.
/// </summary>
[Trait("Category", "OpenVpn")]
public sealed class RenderedConfigOpenVpnTests
{
    private const string OpenVpn = "/usr/sbin/openvpn";

    // P_CONTROL_HARD_RESET_CLIENT_V2: the opcode (high 5 bits of the first byte) a client opens with under tls-crypt.
    private const int HardResetClientV2 = 7;

    // Theory cases that are not fixture files.
    private const string EveryKeptOption = "every kept option";
    private const string ExclusiveKeptOptions = "kept options exclusive of others";

    [Fact]
    public async Task Openvpn_accepts_the_rendered_config_with_its_keys_and_starts_its_handshake()
    {
        Assert.SkipUnless(File.Exists(OpenVpn), $"{OpenVpn} is not installed");
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;

        await RunAsync(
            directory => ProfileWithRealKeys(directory, port),
            async (openvpn, management, pidPath, token) =>
            {
                Assert.Equal(openvpn.Id.ToString(CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(pidPath, token)).Trim());

                await management.Writer.WriteLineAsync("hold release".AsMemory(), token);
                var packet = server.ReceiveAsync(token).AsTask();
                var exited = openvpn.WaitForExitAsync(token);
                if (await Task.WhenAny(packet, exited) == exited)
                {
                    Assert.Fail($"openvpn exited with {openvpn.ExitCode} after the hold release instead of contacting the server");
                }

                Assert.Equal(HardResetClientV2, (await packet).Buffer[0] >> 3);
            });
    }

    [Theory]
    [InlineData("nordlike-udp.ovpn")]
    [InlineData("protonlike.ovpn")]
    [InlineData("pialike-tcp.ovpn")]
    [InlineData("mullvadlike/mullvad_se_all.conf")]
    [InlineData("certlike/office.ovpn")]
    [InlineData("torguardlike.ovpn")]
    [InlineData("ipredatorlike.ovpn")]
    [InlineData("vpnarealike.ovpn")]
    [InlineData("prostolike.ovpn")]
    [InlineData(EveryKeptOption)]
    [InlineData(ExclusiveKeptOptions)]
    public async Task Openvpn_accepts_every_option_of_the_rendered_config(string fixture)
    {
        Assert.SkipUnless(File.Exists(OpenVpn), $"{OpenVpn} is not installed");

        // Reaching the hold means OpenVPN parsed and checked every option (it opens the socket only after that).
        await RunAsync(
            _ => fixture switch
            {
                EveryKeptOption => FromText(TestMaterial.EveryKeptOption),
                ExclusiveKeptOptions => FromText(TestMaterial.ExclusiveKeptOptions),
                _ => ProfileFixtures.Sanitize(fixture).Profile!,
            },
            (_, _, _, _) => Task.CompletedTask);
    }

    /// <summary>
    /// The certificate check agrees with OpenSSL 3 in both directions: the SHA-1-signed client certificate of the
    /// ProstoVPN-style profile loads (OpenVPN sends its first handshake packet) because Causeway kept the tls-cipher
    /// that profile wraps in "setenv opt"; without that line OpenVPN stops on "ca md too weak", which is why
    /// Causeway refuses the same certificate in the VPNBook-style profile.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Openvpn_loads_a_sha1_signed_certificate_only_at_security_level_0_as_causeway_says(bool keepSecurityLevel0)
    {
        Assert.SkipUnless(File.Exists(OpenVpn), $"{OpenVpn} is not installed");
        Assert.True(ProfileFixtures.Sanitize("vpnbooklike.ovpn").HasErrors);
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        var text = File.ReadAllText(ProfileFixtures.PathOf("prostolike.ovpn"))
            .Replace("remote 203.0.113.88 25000\n", $"remote 127.0.0.1 {port}\n", StringComparison.Ordinal)
            .Replace("remote 203.0.113.88 53\n", "", StringComparison.Ordinal);

        await RunAsync(
            _ => Assert.IsType<SanitizedProfile>(ProfileSanitizer.Sanitize(ProfileParser.Parse(text, "/prosto.ovpn"), _ => null).Profile),
            async (openvpn, management, _, token) =>
            {
                await management.Writer.WriteLineAsync("hold release".AsMemory(), token);
                var packet = server.ReceiveAsync(token).AsTask();
                var exited = openvpn.WaitForExitAsync(token);
                if (keepSecurityLevel0)
                {
                    Assert.True(await Task.WhenAny(packet, exited) == packet, "openvpn exited instead of contacting the server");
                    Assert.Equal(HardResetClientV2, (await packet).Buffer[0] >> 3);
                }
                else
                {
                    Assert.True(await Task.WhenAny(packet, exited) == exited, "openvpn contacted the server with a certificate OpenSSL 3 refuses");
                }
            },
            rendered => keepSecurityLevel0 ? rendered : rendered.Replace("tls-cipher DEFAULT:@SECLEVEL=0\n", "", StringComparison.Ordinal),
            log => Assert.Equal(!keepSecurityLevel0, log.Contains("ca md too weak", StringComparison.Ordinal)));
    }

    private static SanitizedProfile FromText(string body) =>
        ProfileSanitizer.Sanitize(ProfileParser.Parse(TestMaterial.Profile(body + "\nauth-user-pass"), "/every.ovpn"), _ => null).Profile!;

    private sealed record Management(StreamReader Reader, StreamWriter Writer);

    /// <summary>
    /// Renders the profile into a temporary directory, starts OpenVPN on it, checks the management greeting and the
    /// hold, runs <paramref name="whileHeld"/>, then stops OpenVPN through the socket and makes sure it is gone.
    /// </summary>
    /// <param name="editRendered">Changes the rendered config before OpenVPN reads it (to show what a line does).</param>
    /// <param name="checkLog">Checks OpenVPN's output once it has exited.</param>
    private static async Task RunAsync(
        Func<string, SanitizedProfile> makeProfile,
        Func<Process, Management, string, CancellationToken, Task> whileHeld,
        Func<string, string>? editRendered = null,
        Action<string>? checkLog = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(30));
        var token = cancel.Token;
        var directory = Directory.CreateTempSubdirectory("causeway-profile-");
        var log = new StringBuilder();
        Process? openvpn = null;
        try
        {
            var profile = makeProfile(directory.FullName);
            var authPath = Path.Combine(directory.FullName, "provider.auth");
            File.WriteAllText(authPath, "alice\nsecret\n");
            File.SetUnixFileMode(authPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var pidPath = Path.Combine(directory.FullName, "openvpn.pid");
            var socketPath = Path.Combine(directory.FullName, "management.sock");
            var configPath = Path.Combine(directory.FullName, "client.conf");
            var rendered = ClientConfigRenderer.Render(
                profile,
                new ClientConfigOptions("tuncwtest", socketPath, profile.RequiresCredentials ? authPath : null, pidPath, TunnelTuning.Default));
            File.WriteAllText(configPath, editRendered?.Invoke(rendered) ?? rendered);

            openvpn = Start(configPath, log);
            using var socket = await ConnectAsync(socketPath, openvpn, log, token);
            using var reader = new StreamReader(new NetworkStream(socket), Encoding.ASCII);
            using var writer = new StreamWriter(new NetworkStream(socket), Encoding.ASCII) { AutoFlush = true, NewLine = "\n" };

            Assert.StartsWith(">INFO:OpenVPN Management Interface Version", await reader.ReadLineAsync(token), StringComparison.Ordinal);
            Assert.StartsWith(">HOLD:Waiting for hold release", await reader.ReadLineAsync(token), StringComparison.Ordinal);

            await whileHeld(openvpn, new Management(reader, writer), pidPath, token);

            if (!openvpn.HasExited)
            {
                await writer.WriteLineAsync("signal SIGTERM".AsMemory(), token);
            }

            await openvpn.WaitForExitAsync(token);
            Assert.DoesNotContain("Options error", log.ToString(), StringComparison.Ordinal);
            checkLog?.Invoke(log.ToString());
        }
        catch (Exception e) when (e is not Xunit.Sdk.SkipException)
        {
            throw new InvalidOperationException($"openvpn's output:\n{log}", e);
        }
        finally
        {
            if (openvpn is not null)
            {
                if (!openvpn.HasExited)
                {
                    openvpn.Kill(entireProcessTree: true);
                    openvpn.WaitForExit(TimeSpan.FromSeconds(10));
                }

                openvpn.Dispose();
            }

            directory.Delete(recursive: true);
        }
    }

    /// <summary>A provider-style profile with a fresh CA, client certificate and key, and tls-crypt key; some by file.</summary>
    private static SanitizedProfile ProfileWithRealKeys(string directory, int port)
    {
        var (ca, cert, key) = TestMaterial.ClientPki();
        var profileText = $"""
            client
            dev tun
            proto udp
            remote 127.0.0.1 {port}
            resolv-retry infinite
            nobind
            persist-key
            persist-tun
            remote-cert-tls server
            data-ciphers AES-256-GCM:CHACHA20-POLY1305
            auth-user-pass
            script-security 2
            up /etc/openvpn/update-resolv-conf
            redirect-gateway def1
            ping 10
            verb 3
            <ca>
            {ca}</ca>
            <cert>
            {cert}</cert>
            key client.key
            tls-crypt ta.key
            """;
        File.WriteAllText(Path.Combine(directory, "client.key"), key);
        File.WriteAllText(Path.Combine(directory, "ta.key"), TestMaterial.OpenVpnStaticKey(RandomNumberGenerator.GetBytes(256)));

        var result = ProfileSanitizer.Sanitize(
            ProfileParser.Parse(profileText, Path.Combine(directory, "provider.ovpn")),
            path => File.Exists(path) ? File.ReadAllText(path) : null);
        return Assert.IsType<SanitizedProfile>(result.Profile);
    }

    private static Process Start(string configPath, StringBuilder log)
    {
        var start = new ProcessStartInfo(OpenVpn)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    /// <summary>Connects once OpenVPN listens; fails at once if it exits first (an option it refused).</summary>
    private static async Task<Socket> ConnectAsync(string socketPath, Process openvpn, StringBuilder log, CancellationToken token)
    {
        while (true)
        {
            if (openvpn.HasExited)
            {
                Assert.Fail($"openvpn exited with {openvpn.ExitCode} before opening its management socket:\n{log}");
            }

            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
                await Task.Delay(TimeSpan.FromMilliseconds(50), token);
            }
        }
    }
}
