using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Preflight;

public sealed class ConfigReaderTests
{
    private const string ConfigPath = "/etc/causeway/causeway.toml";
    private const string ProfilePath = "/etc/causeway/provider.ovpn";
    private const string AuthPath = "/etc/causeway/provider.auth";
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0400 = UnixFileMode.UserRead;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // profile's value is at 5:11, auth's at 6:8.
    private const string ZeroTierConfig = """
        [overlay]
        zerotier_network = "8bd5124fd6f4d0a1"

        [egress]
        profile = "provider.ovpn"
        auth = "provider.auth"
        """;

    // interface's value is at 2:13.
    private const string InterfaceConfig = """
        [overlay]
        interface = "wg0"
        subnets = ["10.147.17.0/24"]

        [egress]
        profile = "provider.ovpn"
        """;

    private readonly InMemoryFileSystem _files = new();
    private readonly FakeHostIdentity _host = FakeHostIdentity.Root();

    public ConfigReaderTests()
    {
        _files.AddFile(ConfigPath, ZeroTierConfig, Mode0644)
            .AddFile(ProfilePath, "client\nremote vpn.example.net 1194\n", Mode0644)
            .AddFile(AuthPath, "user\nsecret\n", Mode0600);
    }

    [Fact]
    public void A_good_config_with_good_files_reads_without_diagnostics()
    {
        var result = Read(PreflightOptions.Up);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(ProfilePath, result.Settings!.Egress.ProfilePath);
        Assert.Equal(AuthPath, result.Settings.Egress.AuthPath);
        Assert.True(result.Sources.Contains(ConfigKeys.EgressAuth));
    }

    [Fact]
    public void A_missing_config_file_is_one_clear_error()
    {
        _files.Remove(ConfigPath);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal(ConfigPath, error.File);
        Assert.Equal(0, error.Line);
        Assert.Equal("config file not found", error.Message);
        Assert.Contains("examples/causeway.toml", error.Fix, StringComparison.Ordinal);
        Assert.StartsWith($"{ConfigPath}: error: config file not found (", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_not_a_config_file()
    {
        _files.Remove(ConfigPath).AddDirectory(ConfigPath);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal(ConfigPath, error.File);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_config_file_says_why_and_suggests_root_to_a_user()
    {
        _host.IsRoot = false;
        _files.DenyRead(ConfigPath);

        var error = SingleError(Read(PreflightOptions.Status));

        Assert.Equal(ConfigPath, error.File);
        Assert.StartsWith("cannot read the config file: Access to the path", error.Message, StringComparison.Ordinal);
        Assert.Equal("run as root: sudo causeway status", error.Fix);
    }

    [Fact]
    public void Config_errors_come_through_with_their_positions_and_stop_the_file_checks()
    {
        _files.AddFile(ConfigPath, ZeroTierConfig + "\ndevice = \"wg0\"\n", Mode0644).Remove(ProfilePath);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal((7, 10), (error.Line, error.Column));
        Assert.StartsWith("egress.device: \"wg0\" must start with \"tun\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_root_is_one_clear_error_not_a_list_of_permission_problems()
    {
        _host.IsRoot = false;
        _files.DenyRead(AuthPath);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal(ConfigReader.ProcessSubject, error.File);
        Assert.Equal(0, error.Line);
        Assert.StartsWith("causeway up needs root", error.Message, StringComparison.Ordinal);
        Assert.Equal("run as root: sudo causeway up", error.Fix);
        Assert.Equal("causeway: error: causeway up needs root: it changes routes, nftables rules and sysctls, and reads the root-only auth file (run as root: sudo causeway up)",
            error.ToString());
    }

    [Fact]
    public void Not_root_with_a_root_only_config_is_still_one_error()
    {
        _host.IsRoot = false;
        _files.DenyRead(ConfigPath);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal(ConfigReader.ProcessSubject, error.File);
        Assert.StartsWith("causeway up needs root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_needs_neither_root_nor_the_files()
    {
        _host.IsRoot = false;
        _files.Remove(ProfilePath).Remove(AuthPath);

        var result = Read(PreflightOptions.Status);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Down_works_when_the_profile_and_the_overlay_interface_are_gone()
    {
        _files.AddFile(ConfigPath, InterfaceConfig).Remove(ProfilePath);

        var result = Read(PreflightOptions.Down);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void Plan_as_a_user_reads_what_it_can_and_warns_about_what_only_root_may_read()
    {
        _host.IsRoot = false;
        _files.DenyRead(AuthPath);

        var result = Read(PreflightOptions.Plan);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal($"egress.auth: cannot read {AuthPath} to check it (not running as root)", warning.Message);
    }

    [Theory]
    [InlineData("state_dir", "/srv/causeway")]
    [InlineData("run_dir", "/srv/causeway")]
    public void An_instance_directory_holding_someone_elses_files_is_refused_at_its_line(string key, string directory)
    {
        _files.AddFile(ConfigPath, $"[instance]\n{key} = \"{directory}\"\n{ZeroTierConfig}", Mode0644).AddFile($"{directory}/notes.txt", "theirs");

        var error = SingleError(Read(PreflightOptions.Down));

        AssertAt(error, 2, key.Length + 4, $"instance.{key}: {directory} already holds files (notes.txt) and has no .causeway-owned");
        Assert.Equal($"point the config at a new directory, which Causeway makes; or, if this one really is this instance's, mark it: echo causeway > {directory}/.causeway-owned", error.Fix);
    }

    [Fact]
    public void Instance_directories_that_are_missing_empty_or_marked_pass()
    {
        _files.AddDirectory("/run/causeway").AddFile("/var/lib/causeway/.causeway-owned", "causeway\n").AddFile("/var/lib/causeway/state.json", "{}");

        Assert.True(Read(PreflightOptions.Up).Succeeded);
    }

    [Fact]
    public void A_missing_profile_points_at_the_line_that_names_it()
    {
        _files.Remove(ProfilePath);

        var error = SingleError(Read(PreflightOptions.Up));

        AssertAt(error, 5, 11, $"egress.profile: {ProfilePath} does not exist");
        Assert.Equal("put the provider's .ovpn file there, or correct the path", error.Fix);
    }

    [Fact]
    public void A_profile_that_is_a_directory_is_an_error()
    {
        _files.Remove(ProfilePath).AddDirectory(ProfilePath);

        AssertAt(SingleError(Read(PreflightOptions.Up)), 5, 11, $"egress.profile: {ProfilePath} is a directory, not a file");
    }

    [Fact]
    public void An_unreadable_profile_is_an_error_for_root()
    {
        _files.DenyRead(ProfilePath);

        AssertAt(SingleError(Read(PreflightOptions.Up)), 5, 11, $"egress.profile: cannot read {ProfilePath}: Access to the path");
    }

    [Fact]
    public void An_empty_profile_is_an_error()
    {
        _files.AddFile(ProfilePath, string.Empty, Mode0644);

        AssertAt(SingleError(Read(PreflightOptions.Up)), 5, 11, $"egress.profile: {ProfilePath} is empty");
    }

    [Fact]
    public void A_profile_others_can_write_is_an_error()
    {
        _files.AddFile(ProfilePath, "client\n", Mode0644 | UnixFileMode.OtherWrite);

        var error = SingleError(Read(PreflightOptions.Up));

        AssertAt(error, 5, 11, $"egress.profile: {ProfilePath} is writable by group or others (mode 0646)");
        Assert.Equal($"chmod go-w {ProfilePath}", error.Fix);
    }

    [Fact]
    public void A_missing_auth_file_points_at_the_line_that_names_it()
    {
        _files.Remove(AuthPath);

        var error = SingleError(Read(PreflightOptions.Up));

        AssertAt(error, 6, 8, $"egress.auth: {AuthPath} does not exist");
        Assert.Contains($"chmod 600 {AuthPath}", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.OtherRead, "0604")]
    [InlineData(UnixFileMode.GroupWrite, "0620")]
    [InlineData(UnixFileMode.OtherWrite, "0602")]
    public void An_auth_file_group_or_others_can_read_or_write_is_an_error(UnixFileMode extra, string shown)
    {
        _files.AddFile(AuthPath, "user\nsecret\n", Mode0600 | extra);

        var error = SingleError(Read(PreflightOptions.Up));

        AssertAt(error, 6, 8, $"egress.auth: {AuthPath} is readable or writable by group or others (mode {shown}): it holds the provider password");
        Assert.Equal($"chmod 600 {AuthPath}", error.Fix);
    }

    [Fact]
    public void An_auth_file_readable_by_root_alone_is_fine()
    {
        _files.AddFile(AuthPath, "user\nsecret\n", Mode0400);

        Assert.True(Read(PreflightOptions.Up).Succeeded);
    }

    [Fact]
    public void An_auth_file_not_owned_by_root_is_an_error()
    {
        _files.AddFile(AuthPath, "user\nsecret\n", Mode0600, ownerUid: 1000);

        var error = SingleError(Read(PreflightOptions.Up));

        AssertAt(error, 6, 8, $"egress.auth: {AuthPath} is owned by uid 1000, not root");
        Assert.Equal($"chown root:root {AuthPath}", error.Fix);
    }

    [Fact]
    public void The_fixes_quote_paths_for_the_shell()
    {
        const string odd = "/etc/causeway/my provider's.auth";
        _files.AddFile(ConfigPath, ZeroTierConfig.Replace("\"provider.auth\"", "\"my provider's.auth\"", StringComparison.Ordinal))
            .AddFile(odd, "user\nsecret\n", Mode0644);

        Assert.Equal("chmod 600 '/etc/causeway/my provider'\\''s.auth'", SingleError(Read(PreflightOptions.Up)).Fix);
    }

    [Theory]
    [InlineData("user\nsecret", true)]
    [InlineData("user\r\nsecret\r\n", true)]
    [InlineData("user\nsecret\n\n\n", true)]
    [InlineData("user-and-no-password\n", false)]
    [InlineData("user\nsecret\nextra\n", false)]
    [InlineData("", false)]
    [InlineData("user\n\nsecret\n", false)]
    [InlineData("user\n  \n", false)]
    [InlineData("\nsecret\n", false)]
    public void The_auth_file_holds_exactly_a_username_line_and_a_password_line(string content, bool valid)
    {
        _files.AddFile(AuthPath, content, Mode0600);

        var result = Read(PreflightOptions.Up);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            var error = SingleError(result);
            AssertAt(error, 6, 8, $"egress.auth: {AuthPath} has ");
            Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_auth_line_count_is_named()
    {
        _files.AddFile(AuthPath, "user\nsecret\nextra\n", Mode0600);

        Assert.Equal($"egress.auth: {AuthPath} has 3 lines; OpenVPN expects exactly two: the username, then the password",
            SingleError(Read(PreflightOptions.Up)).Message);
    }

    [Fact]
    public void An_empty_username_line_is_named()
    {
        _files.AddFile(AuthPath, "\nsecret\n", Mode0600);

        Assert.Equal($"egress.auth: {AuthPath} has an empty username (line 1)", SingleError(Read(PreflightOptions.Up)).Message);
    }

    [Fact]
    public void Without_an_auth_key_no_auth_file_is_needed()
    {
        _files.AddFile(ConfigPath, InterfaceConfig).AddDirectory("/sys/class/net/wg0").Remove(AuthPath);

        Assert.True(Read(PreflightOptions.Up).Succeeded);
    }

    [Fact]
    public void A_missing_overlay_interface_points_at_the_line_that_names_it()
    {
        _files.AddFile(ConfigPath, InterfaceConfig);

        var error = SingleError(Read(PreflightOptions.Up));

        AssertAt(error, 2, 13, "overlay.interface: there is no interface \"wg0\" on this host (no /sys/class/net/wg0)");
        Assert.Equal("bring the overlay up first, or correct the name (see `ip link`)", error.Fix);
    }

    [Fact]
    public void A_present_overlay_interface_passes()
    {
        _files.AddFile(ConfigPath, InterfaceConfig).AddDirectory("/sys/class/net/wg0");

        var result = Read(PreflightOptions.Up);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal("wg0", Assert.IsType<InterfaceOverlaySource>(result.Settings!.Overlay.Source).InterfaceName);
    }

    [Fact]
    public void All_file_problems_are_reported_together()
    {
        _files.AddFile(ConfigPath, ZeroTierConfig).Remove(ProfilePath).AddFile(AuthPath, "user\n", Mode0644, ownerUid: 1000);

        var result = Read(PreflightOptions.Up);

        Assert.Null(result.Settings);
        Assert.Collection(
            result.Diagnostics,
            d => AssertAt(d, 5, 11, $"egress.profile: {ProfilePath} does not exist"),
            d => AssertAt(d, 6, 8, $"egress.auth: {AuthPath} is owned by uid 1000, not root"),
            d => AssertAt(d, 6, 8, $"egress.auth: {AuthPath} is readable or writable by group or others (mode 0644)"),
            d => AssertAt(d, 6, 8, $"egress.auth: {AuthPath} has 1 line;"));
    }

    [Theory]
    [InlineData(FileKind.Fifo, "a FIFO (named pipe)")]
    [InlineData(FileKind.CharacterDevice, "a character device")]
    [InlineData(FileKind.Socket, "a socket")]
    public void A_config_that_is_not_a_regular_file_is_refused_without_being_read(FileKind kind, string described)
    {
        _files.Remove(ConfigPath).AddSpecial(ConfigPath, kind);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal($"{ConfigPath}: error: refusing to read the config file: {ConfigPath} is {described}, not a regular file (give the path of the config file itself, a regular file)",
            error.ToString());
    }

    [Fact]
    public void A_config_larger_than_its_bound_is_refused()
    {
        _files.AddFile(ConfigPath, new byte[InputFiles.ConfigMaxBytes + 1], Mode0644);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal($"refusing to read the config file: {ConfigPath} is larger than 1 MiB, more than this kind of file ever needs", error.Message);
        Assert.Equal("check that this is the config file you meant", error.Fix);
    }

    [Fact]
    public void A_config_that_is_not_utf8_names_the_line()
    {
        _files.AddFile(ConfigPath, [.. System.Text.Encoding.UTF8.GetBytes("[overlay]\n# caf"), 0xE9, .. System.Text.Encoding.UTF8.GetBytes("\n")], Mode0644);

        var error = SingleError(Read(PreflightOptions.Up));

        Assert.Equal((2, 6), (error.Line, error.Column));
        Assert.StartsWith("the file is not UTF-8 (line 2)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FileKind.Fifo, "a FIFO (named pipe)")]
    [InlineData(FileKind.CharacterDevice, "a character device")]
    public void A_profile_that_is_not_a_regular_file_is_one_error_at_its_line(FileKind kind, string described)
    {
        _files.Remove(ProfilePath).AddSpecial(ProfilePath, kind);

        var error = SingleError(Read(PreflightOptions.Up));

        AssertAt(error, 5, 11, $"egress.profile: refusing to read the file: {ProfilePath} is {described}, not a regular file");
        Assert.Equal("give the path of the provider profile itself, a regular file", error.Fix);
    }

    [Fact]
    public void A_profile_larger_than_its_bound_is_refused()
    {
        _files.AddFile(ProfilePath, new byte[InputFiles.ProfileMaxBytes + 1], Mode0644);

        AssertAt(SingleError(Read(PreflightOptions.Up)), 5, 11, $"egress.profile: refusing to read the file: {ProfilePath} is larger than 4 MiB");
    }

    [Fact]
    public void An_auth_file_that_is_a_device_is_refused_before_its_owner_and_mode_are_judged()
    {
        _files.Remove(AuthPath).AddSpecial(AuthPath, FileKind.CharacterDevice, Mode0644);

        AssertAt(SingleError(Read(PreflightOptions.Up)), 6, 8, $"egress.auth: refusing to read the file: {AuthPath} is a character device, not a regular file");
    }

    [Fact]
    public void An_auth_file_larger_than_its_bound_is_refused()
    {
        _files.AddFile(AuthPath, new string('x', (int)InputFiles.AuthMaxBytes + 1), Mode0600);

        AssertAt(SingleError(Read(PreflightOptions.Up)), 6, 8, $"egress.auth: refusing to read the file: {AuthPath} is larger than 64 KiB");
    }

    private ConfigReadResult Read(PreflightOptions options) => new ConfigReader(_files, _host).Read(ConfigPath, options);

    private static ConfigDiagnostic SingleError(ConfigReadResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Settings);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1, $"expected one error, got {errors.Count}:\n{string.Join('\n', result.Diagnostics)}");
        return errors[0];
    }

    private static void AssertAt(ConfigDiagnostic diagnostic, int line, int column, string messageStart)
    {
        Assert.True(diagnostic.File == ConfigPath && diagnostic.Line == line && diagnostic.Column == column,
            $"expected {ConfigPath}:{line}:{column}, got {diagnostic}");
        Assert.StartsWith(messageStart, diagnostic.Message, StringComparison.Ordinal);
    }
}
