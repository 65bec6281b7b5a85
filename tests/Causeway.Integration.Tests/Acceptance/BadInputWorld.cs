using Causeway.Core.Pki;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;
using Causeway.Linux.Platform;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Where a bad-input case runs: a network namespace of its own (never the host) with an overlay interface
/// (`ov0`, one end of a veth pair, 10.99.0.1/24), and a directory that nobody may traverse holding a config that
/// is good in every respect, its provider profile and its auth file. A case breaks exactly one thing.
/// Both are removed on dispose, even when the test fails.
/// </summary>
public sealed class BadInputWorld : IAsyncDisposable
{
    public const string Overlay = "ov0";

    /// <summary>Positions in <see cref="GoodConfig"/> that the cases name (line:column of the value).</summary>
    public const string InterfaceAt = "7:13";
    public const string SubnetsSecondAt = "8:28";
    public const string ProfileAt = "11:11";
    public const string AuthAt = "12:8";

    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0755 = Mode0644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static readonly Lazy<string> Profile = new(() =>
    {
        using var authority = CertificateAuthority.Create("Causeway Acceptance CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        return $"""
            client
            proto udp
            remote 192.0.2.99 1194
            nobind
            remote-cert-tls server
            <ca>
            {authority.CertificatePem.Trim()}
            </ca>

            """;
    });

    private readonly NetnsScope _scope;
    private readonly ProcessCommandRunner _runner = new();

    private BadInputWorld(NetnsScope scope, string ns, string directory)
    {
        _scope = scope;
        Namespace = ns;
        Directory = directory;
    }

    public string Namespace { get; }

    /// <summary>Mode 0755 under /tmp, so that `nobody` can reach the config (but not the 0600 auth file).</summary>
    public string Directory { get; }

    public string StateDirectory => Path.Combine(Directory, "state");

    public string RunDirectory => Path.Combine(Directory, "run");

    public string ConfigPath => Path.Combine(Directory, "causeway.toml");

    /// <summary>
    /// A profile with nothing Causeway strips or refuses, and a real CA (made by Causeway's PKI code), so that
    /// OpenVPN starts and keeps trying to reach its (absent) server instead of exiting over a broken certificate.
    /// </summary>
    public static string GoodProfile => Profile.Value;

    /// <summary>Good in every respect; every case changes one thing. Positions above refer to it.</summary>
    public string GoodConfig => $"""
        [instance]
        name = "acceptance"
        state_dir = "{StateDirectory}"
        run_dir = "{RunDirectory}"

        [overlay]
        interface = "{Overlay}"
        subnets = ["10.99.0.0/24"]

        [egress]
        profile = "provider.ovpn"
        auth = "provider.auth"

        """;

    /// <summary>Skips the test unless it runs as root (like every test that makes namespaces).</summary>
    public static async Task<BadInputWorld> CreateAsync()
    {
        var scope = NetnsScope.Create();
        var directory = System.IO.Directory.CreateTempSubdirectory("causeway-bad-input-").FullName;
        File.SetUnixFileMode(directory, Mode0755);
        var world = new BadInputWorld(scope, scope.Prefix + "bad", directory);
        try
        {
            var ns = await scope.AddNamespaceAsync("bad");

            // No duplicate address detection: a link-local address (and its local route) that turns up a second
            // after the "before" snapshot would look like a change made by causeway.
            await scope.ExecAsync(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0");
            await scope.ExecAsync(ns, "ip", "link", "add", Overlay, "type", "veth", "peer", "name", "ov1");
            await scope.ExecAsync(ns, "ip", "link", "set", Overlay, "up");
            await scope.ExecAsync(ns, "ip", "link", "set", "ov1", "up");
            await scope.ExecAsync(ns, "ip", "address", "add", "10.99.0.1/24", "dev", Overlay);
            await Waiting.UntilAsync(
                async _ => (await scope.ExecAsync(ns, "ip", "-6", "route", "show", "table", "local")).StandardOutput.Split('\n').Count(l => l.StartsWith("local fe80::", StringComparison.Ordinal)) == 2,
                TimeSpan.FromSeconds(10), "the veths' link-local addresses", TimeProvider.System, CancellationToken.None);
            world.WriteFile("provider.ovpn", GoodProfile, Mode0644);
            world.WriteFile("provider.auth", "user\nsecret\n", Mode0600);
            world.WriteFile("causeway.toml", world.GoodConfig, Mode0644);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a file in the world's directory with its mode, and returns its path.</summary>
    public string WriteFile(string name, string content, UnixFileMode mode = Mode0644)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>Writes a file of raw bytes in the world's directory with its mode, and returns its path.</summary>
    public string WriteBytes(string name, byte[] content, UnixFileMode mode = Mode0644)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>The good config pointing at a profile already written as <paramref name="profileName"/>; returns the config's path.</summary>
    public string ConfigNamingProfile(string profileName) =>
        ConfigReplacing($"with-{profileName}.toml", "profile = \"provider.ovpn\"", $"profile = \"{profileName}\"");

    /// <summary>The good config with one piece of text replaced, written as <paramref name="name"/>; returns its path.</summary>
    public string ConfigReplacing(string name, string old, string replacement, UnixFileMode mode = Mode0644)
    {
        var config = GoodConfig;
        if (!config.Contains(old, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the good config has no \"{old}\" to replace", nameof(old));
        }

        return WriteFile(name, config.Replace(old, replacement, StringComparison.Ordinal), mode);
    }

    /// <summary>The good config pointing at another profile (written with <paramref name="profile"/>); returns the config's path.</summary>
    public string ConfigWithProfile(string profileName, string profile, UnixFileMode mode = Mode0644)
    {
        WriteFile(profileName, profile, mode);
        return ConfigReplacing($"with-{profileName}.toml", "profile = \"provider.ovpn\"", $"profile = \"{profileName}\"");
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>`causeway ARGS` inside the namespace, as <paramref name="runAs"/>; whatever the exit code.</summary>
    public Task<CommandResult> CausewayAsync(RunAs runAs, params string[] arguments) =>
        _runner.RunAsync(new CommandSpec("ip", [.. IpArguments(runAs, arguments)], Timeout: TimeSpan.FromMinutes(1)));

    /// <summary>The arguments of `ip` that run causeway in the namespace: netns exec NS [setpriv ...] causeway ARGS.</summary>
    public IReadOnlyList<string> IpArguments(RunAs runAs, params string[] arguments)
    {
        string[] wrapper = runAs switch
        {
            RunAs.Nobody => ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
            RunAs.RootBoundByFileModes => ["setpriv", "--bounding-set=-dac_override,-dac_read_search"],
            _ => [],
        };
        return ["netns", "exec", Namespace, .. wrapper, CausewayBinary.Path, .. arguments];
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
