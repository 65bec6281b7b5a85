using System.Text;
using Causeway.Engine.Daemon;
using Causeway.Engine.Preflight;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// What `plan` and `up` say about the provider profile, read through the file seam: the verdict, routine drops in one
/// line, bounded findings, one error for a UTF-16 file, and private key files others can read refused.
/// </summary>
public sealed class GatewayInputsReaderTests
{
    private const string ConfigPath = "/etc/causeway/causeway.toml";
    private const string ProfilePath = "/etc/causeway/provider.ovpn";
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIBfakefakefakefake\n-----END CERTIFICATE-----\n";
    private const string StaticKey = "-----BEGIN OpenVPN Static key V1-----\n00112233445566778899aabbccddeeff\n-----END OpenVPN Static key V1-----\n";

    private readonly InMemoryFileSystem _files = new();

    public GatewayInputsReaderTests()
    {
        _files.AddFile(ConfigPath, "[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n\n[egress]\nprofile = \"provider.ovpn\"\nauth = \"provider.auth\"\n", Mode0644)
            .AddFile("/etc/causeway/provider.auth", "user\nsecret\n", Mode0600);
    }

    private GatewayInputsResult Read(string profile, bool verbose = false) => Read(Encoding.UTF8.GetBytes(profile), verbose);

    private GatewayInputsResult Read(byte[] profile, bool verbose = false)
    {
        _files.AddFile(ProfilePath, profile, Mode0644);
        return new GatewayInputsReader(_files, FakeHostIdentity.Root()).Read(ConfigPath, PreflightOptions.Up, verbose);
    }

    private static string Profile(string body) =>
        $"client\ndev tun\nremote vpn.example.net 1194\nauth-user-pass\nping 10\n{body}\n<ca>\n{Certificate}</ca>\n";

    [Fact]
    public void An_accepted_profile_is_one_line_and_its_routine_drops_another()
    {
        var read = Read(Profile("persist-key"));

        Assert.False(read.HasErrors);
        Assert.NotNull(read.Inputs);
        Assert.Equal(
            [
                $"profile {ProfilePath}: accepted (4 lines kept)",
                $"profile {ProfilePath}: 3 provider lines dropped, as expected; `--verbose` lists them",
            ],
            read.Findings);
    }

    [Fact]
    public void Verbose_lists_the_routine_drops()
    {
        var read = Read(Profile("persist-key"), verbose: true);

        Assert.Equal(
            [
                $"{ProfilePath}:2: note: dev: names the tunnel device; Causeway uses its own name (egress.device); line dropped",
                $"{ProfilePath}:4: note: auth-user-pass: the provider asks for a username and password; Causeway supplies them from the file set as egress.auth; line dropped",
                $"{ProfilePath}:5: note: ping: Causeway sets its own keepalive (egress.ping_seconds); line dropped",
                $"profile {ProfilePath}: accepted (4 lines kept)",
            ],
            read.Findings);
    }

    [Fact]
    public void A_key_file_the_profile_names_that_others_can_read_is_refused()
    {
        _files.AddFile("/etc/causeway/ta.key", StaticKey, Mode0644);

        var read = Read(Profile("tls-crypt ta.key"));

        Assert.True(read.HasErrors);
        Assert.Null(read.Inputs);
        Assert.Equal(
            [$"{ProfilePath}:6: error: tls-crypt: /etc/causeway/ta.key is readable or writable by group or others (mode 0644): it holds the tls-crypt key (chmod 600 /etc/causeway/ta.key)"],
            read.Findings);
    }

    [Fact]
    public void A_key_file_that_is_roots_alone_is_inlined_and_a_ca_file_may_be_read_by_anyone()
    {
        _files.AddFile("/etc/causeway/ta.key", StaticKey, Mode0600).AddFile("/etc/causeway/ca.crt", Certificate, Mode0644, ownerUid: 1000);

        var read = Read("client\nremote vpn.example.net 1194\nauth-user-pass\ntls-crypt ta.key\nca ca.crt\n");

        Assert.False(read.HasErrors, string.Join('\n', read.Findings));
        Assert.Equal(["tls-crypt", "ca"], read.Inputs!.Profile!.InlineBlocks.Select(b => b.Name));
    }

    [Fact]
    public void A_utf16_profile_is_one_error()
    {
        var read = Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Profile("persist-key").Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray());

        var finding = Assert.Single(read.Findings);
        Assert.StartsWith($"{ProfilePath}: error: the profile is UTF-16 text", finding, StringComparison.Ordinal);
        Assert.Contains("(save it as UTF-8", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_profile_gives_a_bounded_number_of_short_lines()
    {
        // What a profile pointing at /etc/shadow looked like: every line echoed in full, hashes included.
        var hash = "$y$j9T$" + new string('s', 22) + "$" + new string('h', 43);
        var shadow = string.Concat(Enumerable.Range(0, 500).Select(i => $"user{i}:{hash}:19000:0:99999:7:::\n"));

        var read = Read(shadow);

        Assert.True(read.HasErrors);
        Assert.True(read.Findings.Length <= 22, $"{read.Findings.Length} lines");
        Assert.All(read.Findings, f => Assert.DoesNotContain(new string('h', 10), f, StringComparison.Ordinal));
        Assert.All(read.Findings, f => Assert.True(f.Length < 400, f));
        Assert.Contains(read.Findings, f => f.Contains("… and ", StringComparison.Ordinal));
    }
}
