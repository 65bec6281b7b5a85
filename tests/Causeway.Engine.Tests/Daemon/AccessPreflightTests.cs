using Causeway.Core.Access;
using Causeway.Core.Config;
using Causeway.Engine.Daemon;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>What `up` checks of [access] before it changes anything: the address profiles connect to, then the PKI.</summary>
public sealed class AccessPreflightTests
{
    private const string ConfigPath = "/etc/causeway/causeway.toml";
    private const string PrivateUplink = """[{"dst":"default","gateway":"10.0.0.1","dev":"ens3","prefsrc":"10.0.0.5","flags":[]}]""";
    private const string PublicUplink = """[{"dst":"default","gateway":"8.8.4.1","dev":"ens3","prefsrc":"8.8.4.4","flags":[]}]""";

    private readonly InMemoryFileSystem _files = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ConfigLoadResult Load(string access) => ConfigLoader.Load(
        $"""
        [overlay]
        zerotier_network = "8bd5124fd6f4d0a1"

        [egress]
        profile = "provider.ovpn"

        [access]
        {access}
        """,
        ConfigPath);

    [Fact]
    public async Task Public_address_is_used_as_it_is_and_the_uplink_is_not_asked()
    {
        var loaded = Load("public_address = \"vpn.example.net\"");
        var commands = new ScriptedCommandRunner();

        var result = await new AccessPreflight(commands, _files, _time).CheckAsync(loaded.Settings!, loaded.Sources, Ct);

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        Assert.Equal("vpn.example.net", result.ServerHost);
        Assert.Empty(commands.Ran);
        Assert.True(result.Pki!.Created);
        Assert.NotNull(_files.ContentOf(AccessPaths.For(loaded.Settings!.Instance).CaCertificate));
    }

    [Fact]
    public async Task A_read_only_state_directory_is_said_at_once_not_blamed_on_another_process()
    {
        var loaded = Load("public_address = \"vpn.example.net\"");
        _files.AddFile("/var/lib/causeway/.causeway-owned", "causeway\n").AddDirectory("/var/lib/causeway", (UnixFileMode)0b111_000_000);
        _files.MakeReadOnly("/var/lib/causeway");

        var result = await new AccessPreflight(new ScriptedCommandRunner(), _files, _time).CheckAsync(loaded.Settings!, loaded.Sources, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal("/var/lib/causeway/access: error: preparing the access PKI: /var/lib/causeway is on a read-only file system: nothing can be written there (make it writable, or point the config at a writable directory)", error);
        Assert.DoesNotContain("another causeway process", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_empty_state_directory_is_said_at_once_too()
    {
        var loaded = Load("public_address = \"vpn.example.net\"");
        _files.AddDirectory("/var/lib/causeway", (UnixFileMode)0b111_000_000).MakeReadOnly("/var/lib/causeway");

        var result = await new AccessPreflight(new ScriptedCommandRunner(), _files, _time).CheckAsync(loaded.Settings!, loaded.Sources, Ct);

        Assert.Contains("/var/lib/causeway is on a read-only file system", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_public_address_a_public_uplink_address_is_used()
    {
        var loaded = Load(string.Empty);
        var commands = new ScriptedCommandRunner().Answer("ip -4 -json route show default", PublicUplink);

        var result = await new AccessPreflight(commands, _files, _time).CheckAsync(loaded.Settings!, loaded.Sources, Ct);

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        Assert.Equal("8.8.4.4", result.ServerHost);
    }

    [Fact]
    public async Task Without_public_address_a_private_uplink_is_an_error_at_the_access_section_and_nothing_is_made()
    {
        var loaded = Load("pool = \"10.9.0.0/24\"");
        var commands = new ScriptedCommandRunner().Answer("ip -4 -json route show default", PrivateUplink);

        var result = await new AccessPreflight(commands, _files, _time).CheckAsync(loaded.Settings!, loaded.Sources, Ct);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"{ConfigPath}:7:2: error: access.public_address is not set and this host's uplink address 10.0.0.5 is not public", error, StringComparison.Ordinal);
        Assert.Contains("set public_address", error, StringComparison.Ordinal);
        Assert.Null(result.Pki);
        Assert.Empty(_files.Writes);
    }

    [Fact]
    public async Task A_pki_file_others_can_read_is_an_error_naming_it()
    {
        var loaded = Load("public_address = \"vpn.example.net\"");
        var preflight = new AccessPreflight(new ScriptedCommandRunner(), _files, _time);
        Assert.True((await preflight.CheckAsync(loaded.Settings!, loaded.Sources, Ct)).Succeeded);
        var key = AccessPaths.For(loaded.Settings!.Instance).CaPrivateKey;
        _files.AddFile(key, _files.ContentOf(key)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = await preflight.CheckAsync(loaded.Settings!, loaded.Sources, Ct);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"{key}: error: can be read or changed by group or others (mode 0604)", error, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {key}", error, StringComparison.Ordinal);
    }
}
