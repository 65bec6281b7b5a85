using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

/// <summary>
/// state_dir and run_dir are Causeway's only when it made them (or found them empty) and marked them: it never sets
/// the mode of, writes into or deletes from a directory that holds someone else's files.
/// </summary>
public sealed class OwnedDirectoriesTests
{
    private const string Directory = "/var/lib/causeway";
    private const string Marker = "/var/lib/causeway/.causeway-owned";
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Mode0755 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly InMemoryFileSystem _files = new();

    private OwnedDirectories Owned => new(_files);

    [Fact]
    public void A_missing_directory_is_made_and_marked_with_the_instance_name()
    {
        Owned.Ensure(Directory, Mode0700, "causeway");

        Assert.Equal(Mode0700, _files.Stat(Directory).Mode);
        Assert.Equal("causeway\n", _files.ContentOf(Marker));
        Assert.Null(Owned.Problem(Directory, "causeway"));
    }

    [Fact]
    public void An_empty_directory_made_for_causeway_is_adopted_and_marked()
    {
        _files.AddDirectory(Directory, Mode0755);

        Owned.Ensure(Directory, Mode0700, "causeway");

        Assert.Equal(Mode0700, _files.Stat(Directory).Mode);
        Assert.Equal("causeway\n", _files.ContentOf(Marker));
    }

    [Fact]
    public void A_directory_holding_someone_elses_files_is_refused_and_left_exactly_as_it_was()
    {
        _files.AddDirectory("/srv/vpn", Mode0755).AddFile("/srv/vpn/openvpn/client.conf", "theirs");

        var refused = Assert.Throws<DirectoryNotOwnedException>(() => Owned.Ensure("/srv/vpn", Mode0700, "causeway"));

        Assert.Equal("/srv/vpn already holds files (openvpn) and has no .causeway-owned: Causeway did not make it, so it will not change its mode, write its files into it or delete any", refused.Problem);
        Assert.Equal("point the config at a new directory, which Causeway makes; or, if this one really is this instance's, mark it: echo causeway > /srv/vpn/.causeway-owned", refused.Fix);
        Assert.Equal(Mode0755, _files.Stat("/srv/vpn").Mode);
        Assert.Empty(_files.Writes);
    }

    [Fact]
    public void A_shared_directory_is_refused_even_if_empty()
    {
        _files.AddDirectory("/mnt", Mode0755);

        Assert.Equal("/mnt is a directory the whole host shares", Owned.Problem("/mnt", "causeway"));
        Assert.Throws<DirectoryNotOwnedException>(() => Owned.Ensure("/mnt", Mode0700, "causeway"));
        Assert.Equal(Mode0755, _files.Stat("/mnt").Mode);
    }

    [Fact]
    public void A_directory_marked_by_another_instance_is_refused()
    {
        _files.AddFile(Marker, "lab\n");

        Assert.Equal($"{Directory} is marked as the directory of another causeway instance (\"lab\" in {Marker}), not of \"causeway\"", Owned.Problem(Directory, "causeway"));
    }

    [Fact]
    public void A_marked_directory_with_files_in_it_is_the_instances_own()
    {
        _files.AddFile(Marker, "causeway\n").AddFile($"{Directory}/state.json", "{}", Mode0755);

        Owned.Ensure(Directory, Mode0700, "causeway");

        Assert.Equal(Mode0700, _files.Stat(Directory).Mode);
    }

    [Fact]
    public void A_run_directory_made_inside_the_state_directory_does_not_make_the_state_directory_someone_elses()
    {
        Owned.Ensure($"{Directory}/run", Mode0700, "causeway");
        Assert.StartsWith($"{Directory} already holds files (run)", Owned.Problem(Directory, "lab"), StringComparison.Ordinal);

        Owned.Ensure(Directory, Mode0700, "causeway");

        Assert.Equal("causeway\n", _files.ContentOf(Marker));
    }

    [Fact]
    public void A_file_where_the_directory_should_be_is_refused()
    {
        _files.AddFile(Directory, "x");

        Assert.Equal($"{Directory} exists and is a regular file, not a directory", Owned.Problem(Directory, "causeway"));
    }

    [Fact]
    public void The_state_store_never_writes_into_a_directory_that_is_not_the_instances()
    {
        _files.AddFile("/srv/data/theirs.txt", "x");
        var instance = Instance("/srv/data", "/run/causeway");

        Assert.Throws<DirectoryNotOwnedException>(() => StateStore.For(_files, instance).RecordOwnedNames(OwnedNames.From(instance)));

        Assert.Empty(_files.Writes);
        Assert.False(_files.Stat("/srv/data/state.json").Exists);
    }

    [Fact]
    public async Task Down_deletes_nothing_from_a_run_directory_that_is_not_the_instances_and_removes_its_own_with_the_mark()
    {
        // run_dir = "/etc" with the file Causeway would have written there: someone else's, so it stays.
        _files.AddFile("/etc/openvpn/client.conf", "theirs").AddFile(Marker, "causeway\n");
        var instance = Instance(Directory, "/etc");

        await RunTeardownAsync(instance);

        Assert.Equal("theirs", _files.ContentOf("/etc/openvpn/client.conf"));
        Assert.False(_files.Stat(Directory).Exists, "the state directory, with only its mark left, should be gone");
    }

    [Fact]
    public async Task Down_removes_its_own_run_files()
    {
        _files.AddFile("/run/causeway/.causeway-owned", "causeway\n").AddFile("/run/causeway/openvpn/client.conf", "ours");
        var instance = Instance(Directory, "/run/causeway");

        await RunTeardownAsync(instance);

        Assert.False(_files.Stat("/run/causeway/openvpn").Exists);
        Assert.True(_files.Stat("/run/causeway/.causeway-owned").Exists);
    }

    [Fact]
    public async Task Down_forgets_the_months_egress_counts_and_the_state_directory_goes()
    {
        var instance = Instance(Directory, "/run/causeway");
        _files.AddFile(Marker, "causeway\n").AddFile(instance.EgressUsagePath, "{}");

        await RunTeardownAsync(instance);

        Assert.False(_files.Stat(instance.EgressUsagePath).Exists);
        Assert.False(_files.Stat(Directory).Exists, "the state directory, with only its mark and the counts left, should be gone");
    }

    private async Task RunTeardownAsync(InstanceSettings instance)
    {
        var commands = new ScriptedCommandRunner()
            .Answer("ip -N -json rule list", "[]")
            .Answer("ip -6 -N -json rule list", "[]")
            .Answer("ip -4 -json route show table 7270", string.Empty, 2, "Error: ipv4: FIB table does not exist.")
            .Answer("ip -6 -json route show table 7270", string.Empty, 2, "Error: ipv6: FIB table does not exist.")
            .Answer("nft -j list table inet causeway", string.Empty, 1, "Error: No such file or directory")
            .Answer("ip -json link show", "[]");
        var state = StateStore.For(_files, instance);
        var teardown = new GatewayTeardown(new HostObserver(commands, _files), new HostApplier(commands, _files, state), state, _files, NullLogger.Instance);
        await teardown.RunAsync(instance, TestContext.Current.CancellationToken);
    }

    private static InstanceSettings Instance(string stateDirectory, string runDirectory) =>
        new("causeway", stateDirectory, runDirectory, "causeway", 7270, 7270, TimeSpan.FromSeconds(2));
}
