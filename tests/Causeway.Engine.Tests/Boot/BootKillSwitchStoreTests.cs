using System.Text;
using Causeway.Engine.Boot;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Engine.Tests.Boot;

/// <summary>
/// Where the kill switch is saved for the next boot, and what the boot step (root, at early boot) agrees to read: only
/// what Causeway itself writes there.
/// </summary>
public sealed class BootKillSwitchStoreTests
{
    [Fact]
    public void It_is_saved_atomically_0600_in_a_0700_directory_of_the_instances_own_state_dir()
    {
        var files = new InMemoryFileSystem();

        BootKillSwitchStore.For(files, new("causeway", BootFixtures.StateDirectory, "/run/causeway", "causeway", 7270, 7270, TimeSpan.FromSeconds(2)))
            .Save(BootFixtures.Json);

        var write = Assert.Single(files.Writes, w => w.Path == BootFixtures.File);
        Assert.True(write.Atomic);
        Assert.Equal(BootFixtures.Mode0600, write.Mode);
        Assert.Equal(BootFixtures.Mode0700, files.Stat(BootFixtures.Directory).Mode);
        Assert.Equal("causeway\n", files.ContentOf("/var/lib/causeway/.causeway-owned"));
        Assert.Equal(BootFixtures.Json, Encoding.UTF8.GetString(BootFixtures.Store(files).Load()!));
    }

    [Fact]
    public void Nothing_saved_is_no_directory_or_no_file_in_it()
    {
        Assert.Null(BootFixtures.Store(new InMemoryFileSystem()).Load());
        Assert.Null(BootFixtures.Store(new InMemoryFileSystem().AddDirectory(BootFixtures.Directory, BootFixtures.Mode0700)).Load());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "someone else's file", "kill-switch.json: is owned by uid 1000, not 0" },
        { "a file others can read", "kill-switch.json: is open to group or others (mode 0644)" },
        { "a directory others can enter", "boot: is open to group or others (mode 0755)" },
        { "someone else's directory", "boot: is owned by uid 1000, not 0" },
        { "a FIFO", "kill-switch.json: is a FIFO (named pipe), not a regular file" },
        { "a directory in place of the file", "kill-switch.json: is a directory, not a regular file" },
        { "a file in place of the directory", "boot: is a regular file, not a directory" },
        { "an oversized file", "kill-switch.json: is larger than 64 KiB" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Anything_Causeway_did_not_write_as_it_writes_is_refused_unread(string what, string problem)
    {
        var files = what switch
        {
            "someone else's file" => BootFixtures.Saved(owner: 1000).AddDirectory(BootFixtures.Directory, BootFixtures.Mode0700),
            "a file others can read" => BootFixtures.Saved(fileMode: BootFixtures.Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
            "a directory others can enter" => BootFixtures.Saved(directoryMode: BootFixtures.Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute),
            "someone else's directory" => BootFixtures.Saved().AddDirectory(BootFixtures.Directory, BootFixtures.Mode0700, ownerUid: 1000),
            "a FIFO" => BootFixtures.Saved().AddSpecial(BootFixtures.File, FileKind.Fifo, BootFixtures.Mode0600),
            "a directory in place of the file" => new InMemoryFileSystem().AddDirectory(BootFixtures.File, BootFixtures.Mode0700),
            "a file in place of the directory" => new InMemoryFileSystem().AddFile(BootFixtures.Directory, "x", BootFixtures.Mode0600),
            "an oversized file" => BootFixtures.Saved(json: new string(' ', 64 << 10) + BootFixtures.Json),
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, "no such case"),
        };
        if (what == "a directory in place of the file")
        {
            files.AddDirectory(BootFixtures.Directory, BootFixtures.Mode0700);
        }

        var refused = Assert.Throws<BootKillSwitchRefusedException>(() => BootFixtures.Store(files).Load());

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_in_place_of_the_file_is_refused_even_to_a_file_that_would_pass()
    {
        using var temp = new TempDirectory();
        var files = new LinuxFileSystem();
        var state = temp.File("state");
        var store = new BootKillSwitchStore(files, state, ownerUid: files.Stat(temp.Path).OwnerUid);
        store.Save(BootFixtures.Json);
        var elsewhere = temp.File("elsewhere.json");
        File.Move(store.Path, elsewhere);
        File.CreateSymbolicLink(store.Path, elsewhere);

        var refused = Assert.Throws<BootKillSwitchRefusedException>(() => store.Load());

        Assert.Equal(store.Path, refused.Path);
        Assert.StartsWith($"is a symlink (to {elsewhere})", refused.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_in_place_of_the_directory_is_refused()
    {
        using var temp = new TempDirectory();
        var files = new LinuxFileSystem();
        var store = new BootKillSwitchStore(files, temp.File("state"), ownerUid: files.Stat(temp.Path).OwnerUid);
        store.Save(BootFixtures.Json);
        Directory.Move(store.Directory, temp.File("other"));
        Directory.CreateSymbolicLink(store.Directory, temp.File("other"));

        var refused = Assert.Throws<BootKillSwitchRefusedException>(() => store.Load());

        Assert.Equal(store.Directory, refused.Path);
        Assert.StartsWith("is a symlink", refused.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_real_file_system_saves_is_read_back()
    {
        using var temp = new TempDirectory();
        var files = new LinuxFileSystem();
        var store = new BootKillSwitchStore(files, temp.File("state"), ownerUid: files.Stat(temp.Path).OwnerUid);

        store.Save(BootFixtures.Json);

        Assert.Equal(BootFixtures.Json, Encoding.UTF8.GetString(store.Load()!));
        Assert.Equal(BootFixtures.Mode0600, files.Stat(store.Path).Mode);
        Assert.Equal(BootFixtures.Mode0700, files.Stat(store.Directory).Mode);
    }

    [Fact]
    public void Delete_removes_the_file_and_its_directory_once_empty()
    {
        var files = BootFixtures.Saved();

        Assert.True(BootFixtures.Store(files).Delete());

        Assert.False(files.Stat(BootFixtures.File).Exists);
        Assert.False(files.Stat(BootFixtures.Directory).Exists);
        Assert.True(files.Stat(BootFixtures.StateDirectory).Exists);
        Assert.False(BootFixtures.Store(files).Delete());
    }
}
