using Causeway.Core.Config;
using Causeway.Core.Profiles;
using Causeway.Engine.Composition;
using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Causeway.Engine.Tests.OpenVpn;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Causeway.Engine.Tests.Composition;

/// <summary>The one place every command and `up`'s host get their parts from: built over fakes, it uses nothing else.</summary>
public sealed class CompositionRootTests
{
    private readonly InMemoryFileSystem _files = new InMemoryFileSystem().AddDirectory("/run/causeway");
    private readonly FakeSignals _signals = new();
    private readonly FakePrograms _programs = new();
    private readonly Disposal _owned = new();
    private int _probes;

    [Fact]
    public void The_daemon_parts_are_built_from_the_machine_given_and_nothing_else()
    {
        using var root = Root();

        var status = Status();
        var parts = root.GatewayParts(Inputs(string.Empty), access: null, status, NullLoggerFactory.Instance);

        Assert.Same(_files, parts.Files);
        Assert.Same(root.Machine.Time, parts.Time);
        Assert.Null(parts.Access);
        Assert.NotNull(parts.AccessTakeover);

        // A probe of its own for the supervisor and for the hops' internet probe (each has its own ICMP identifier).
        Assert.Equal(2, _probes);
        Assert.NotNull(parts.Hops);
        Assert.Equal(["tunnel", "internet"], status.Current.Hops?.Items.Select(h => h.Id));
    }

    [Fact]
    public void Access_servers_are_not_built_without_what_ups_preflight_found()
    {
        using var root = Root();

        var error = Assert.Throws<InvalidOperationException>(
            () => root.GatewayParts(Inputs("[access]\npool = \"10.9.0.0/24\"\n"), access: null, Status(), NullLoggerFactory.Instance));

        Assert.Contains("[access] needs its preflight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Programs_are_checked_through_the_machine_and_a_missing_one_is_said()
    {
        using var root = Root();
        _programs.Missing.Add("conntrack");

        var error = Assert.Throws<InvalidOperationException>(() => root.RequirePrograms("ip", "nft", "conntrack", "openvpn"));

        Assert.Equal(["ip", "nft", "conntrack"], _programs.Resolved);
        Assert.Contains("conntrack is not installed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_instance_lock_carries_the_machines_pid_and_the_machine_goes_with_the_root()
    {
        var settings = Settings(string.Empty);
        using (var root = Root())
        {
            using var held = root.TryLockInstance(settings.Instance, out _);
            Assert.NotNull(held);
            Assert.Equal("4242\n", _files.ContentOf(Path.ChangeExtension(settings.Instance.LockFilePath, ".pid")));
        }

        Assert.True(_owned.Disposed, "the machine's launcher outlived the composition root");
    }

    [Fact]
    public void Up_guards_the_hang_up_through_the_machines_signals()
    {
        using var root = Root();
        var early = new StringWriter();

        using (root.GuardHangup(early))
        {
            Assert.True(_signals.Raise(UnixSignals.Hangup));
        }

        Assert.Contains(HangupGuard.EarlyMessage, early.ToString(), StringComparison.Ordinal);
        Assert.False(_signals.Raise(UnixSignals.Hangup));
    }

    private CompositionRoot Root() => new(new Machine(
        _files,
        new ScriptedCommandRunner(),
        new FakeProcessLauncher(),
        new FlakyConnector(0),
        new FakeHostIdentity(),
        _signals,
        _programs,
        () =>
        {
            _probes++;
            return new ScriptedTunnelProbe();
        },
        TimeProvider.System,
        _owned));

    private static Core.Model.CausewaySettings Settings(string access) => ConfigLoader.Load(
        $"[instance]\nrun_dir = \"/run/causeway\"\n[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n[egress]\nprofile = \"p.ovpn\"\n{access}",
        "/etc/causeway/causeway.toml").Settings!;

    private static GatewayInputs Inputs(string access)
    {
        var profile = ProfileSanitizer.Sanitize(ProfileParser.Parse("client\nremote 192.0.2.1 1194\n", "/etc/causeway/p.ovpn"), _ => null).Profile!;
        return new GatewayInputs(Settings(access), profile, "client\n");
    }

    private static StatusBoard Status() => new(new StatusReport(
        "causeway", 1, "0.0.0", DateTimeOffset.UnixEpoch,
        new TunnelStatusReport("Stopped", false, DateTimeOffset.UnixEpoch, null, null, null, null, [], 0, 0, 0, 0, null),
        null,
        new ReconcileStatusReport(false, null, 0, 0, 0, null, []),
        new KillSwitchReport(false, false, 0)));

    private sealed class Disposal : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
