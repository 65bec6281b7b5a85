using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

public sealed class StateStoreTests
{
    [Fact]
    public void Round_trips_through_a_private_file_in_a_private_directory()
    {
        using var directory = new TempDirectory();
        var store = new StateStore(new LinuxFileSystem(), directory.File("state/state.json"));
        Assert.Equal(StateFile.Empty, store.Load());

        store.RecordOwnedNames(new OwnedNames("lab", "cw_lab", 100, 200));
        store.RecordSysctl(SysctlNames.IpForward, "0", "1");
        store.RecordSysctl(SysctlNames.RpFilter("tuncw0"), "1", "2");
        store.ForgetSysctl(SysctlNames.RpFilter("tuncw0"));

        var again = new StateStore(new LinuxFileSystem(), store.Path).Load();
        Assert.Equal(new OwnedNames("lab", "cw_lab", 100, 200), again.Owned);
        Assert.Equal([new RecordedSysctl(SysctlNames.IpForward, "0", "1")], again.Sysctls);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(store.Path)!));

        var json = File.ReadAllText(store.Path);
        Assert.Contains("\"instance_name\": \"lab\"", json, StringComparison.Ordinal);
        Assert.Contains("\"original\": \"0\"", json, StringComparison.Ordinal);

        store.Delete();
        Assert.False(File.Exists(store.Path));
        Assert.Equal(StateFile.Empty, store.Load());
    }

    [Fact]
    public void A_damaged_file_is_an_error_that_names_it_and_says_what_to_do()
    {
        var files = new InMemoryFileSystem().AddFile("/var/lib/causeway/state.json", "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => new StateStore(files, "/var/lib/causeway/state.json").Load());

        Assert.StartsWith("reading /var/lib/causeway/state.json: not a Causeway state file", error.Message, StringComparison.Ordinal);
        Assert.Contains("check them by hand", error.Message, StringComparison.Ordinal);
    }
}
