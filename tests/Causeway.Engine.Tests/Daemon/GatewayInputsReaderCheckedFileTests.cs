using Causeway.Core.Pki;
using Causeway.Engine.Daemon;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// The whole of what `up` and `plan` read before the host is touched: the config, the profile and the files the
/// profile names, all through the one checked reader.
/// </summary>
public sealed class GatewayInputsReaderCheckedFileTests
{
    private const string ConfigPath = "/etc/causeway/causeway.toml";
    private const string ProfilePath = "/etc/causeway/provider.ovpn";
    private const string CaPath = "/etc/causeway/ca.crt";
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly Lazy<string> CaPem = new(() =>
    {
        using var authority = CertificateAuthority.Create("Reader Test CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        return authority.CertificatePem;
    });

    private readonly InMemoryFileSystem _files = new();
    private readonly FakeHostIdentity _host = FakeHostIdentity.Root();

    public GatewayInputsReaderCheckedFileTests()
    {
        _files.AddFile(ConfigPath, """
                [overlay]
                zerotier_network = "8bd5124fd6f4d0a1"

                [egress]
                profile = "provider.ovpn"
                auth = "provider.auth"
                """, Mode0644)
            .AddFile(ProfilePath, "client\nremote vpn.example.net 1194\nauth-user-pass\nca ca.crt\n", Mode0644)
            .AddFile("/etc/causeway/provider.auth", "user\nsecret\n", Mode0600)
            .AddFile(CaPath, CaPem.Value, Mode0644);
    }

    [Fact]
    public void A_profile_naming_readable_files_gives_the_inputs()
    {
        var result = Read(PreflightOptions.Up);

        Assert.False(result.HasErrors, string.Join('\n', result.Findings));
        Assert.Contains("<ca>", result.Inputs!.OpenVpnConfig, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FileKind.Fifo, "a FIFO (named pipe)")]
    [InlineData(FileKind.CharacterDevice, "a character device")]
    public void A_file_the_profile_names_that_is_not_a_regular_file_is_refused_without_being_read(FileKind kind, string described)
    {
        _files.Remove(CaPath).AddSpecial(CaPath, kind);

        var result = Read(PreflightOptions.Up);

        Assert.True(result.HasErrors);
        Assert.Null(result.Inputs);
        var error = Assert.Single(result.Findings, f => f.Contains(": error: ", StringComparison.Ordinal));
        Assert.StartsWith($"{ProfilePath}:4: error: ca: refusing to read the file: {CaPath} is {described}, not a regular file (name the ca file itself", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_the_profile_names_larger_than_its_bound_is_refused()
    {
        _files.AddFile(CaPath, new byte[InputFiles.ReferencedFileMaxBytes + 1], Mode0644);

        var error = Assert.Single(Read(PreflightOptions.Up).Findings, f => f.Contains(": error: ", StringComparison.Ordinal));

        Assert.Contains($"{CaPath} is larger than 4 MiB", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_as_a_user_leaves_a_file_only_root_may_read_unchecked_and_still_plans()
    {
        _host.IsRoot = false;
        _files.DenyRead(CaPath).DenyRead("/etc/causeway/provider.auth");

        var result = Read(PreflightOptions.Plan);

        Assert.False(result.HasErrors, string.Join('\n', result.Findings));
        Assert.NotNull(result.Settings);
        Assert.Contains($"{ProfilePath}:4: warning: ca: not checked: {CaPath} can only be read by root (run as root to check it)", result.Findings);
        Assert.Contains(result.Findings, f => f.Contains("egress.auth: cannot read", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_as_a_user_plans_from_the_config_when_the_profile_is_root_only()
    {
        _host.IsRoot = false;
        _files.DenyRead(ProfilePath);

        var result = Read(PreflightOptions.Plan);

        Assert.False(result.HasErrors, string.Join('\n', result.Findings));
        Assert.Null(result.Inputs);
        Assert.Equal(ProfilePath, result.Settings!.Egress.ProfilePath);
    }

    [Fact]
    public void Up_never_leaves_a_file_unchecked()
    {
        _files.DenyRead(CaPath);

        var result = Read(PreflightOptions.Up);

        Assert.True(result.HasErrors);
        Assert.Contains(result.Findings, f => f.StartsWith($"{ProfilePath}:4: error: ca: cannot read {CaPath}", StringComparison.Ordinal));
    }

    private GatewayInputsResult Read(PreflightOptions options) => new GatewayInputsReader(_files, _host).Read(ConfigPath, options);
}
