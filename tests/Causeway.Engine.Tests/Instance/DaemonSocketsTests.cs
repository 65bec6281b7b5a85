using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Instance;

public sealed class DaemonSocketsTests
{
    private const string StatusSocket = "/run/causeway/causeway.sock";
    private const string ControlSocket = "/run/causeway/control/control.sock";

    private readonly InMemoryFileSystem _files = new InMemoryFileSystem().AddDirectory("/run/causeway", FileModes.PublicDirectory);

    [Fact]
    public void A_status_socket_left_by_a_crashed_daemon_is_removed_before_the_bind_and_the_new_one_opened_to_local_users()
    {
        _files.AddSpecial(StatusSocket, FileKind.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var sockets = new DaemonSockets(_files);

        sockets.PrepareStatus(StatusSocket);
        Assert.False(_files.Stat(StatusSocket).Exists);

        // Kestrel binds it (created with the umask's mode), then it is opened.
        _files.AddSpecial(StatusSocket, FileKind.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        sockets.OpenStatus(StatusSocket);

        Assert.Equal(DaemonSockets.StatusSocketMode, _files.Stat(StatusSocket).Mode);
        Assert.Equal(FileKind.Socket, _files.Stat(StatusSocket).Kind);
    }

    [Fact]
    public void Without_a_stale_socket_nothing_is_deleted()
    {
        new DaemonSockets(_files).PrepareStatus(StatusSocket);

        Assert.Empty(_files.Writes);
        Assert.Empty(_files.ListDirectory("/run/causeway"));
    }

    [Fact]
    public void The_control_socket_gets_a_root_only_directory_no_stale_file_and_is_root_only_itself()
    {
        _files.AddDirectory("/run/causeway/control", FileModes.PublicDirectory);
        _files.AddSpecial(ControlSocket, FileKind.Socket, DaemonSockets.StatusSocketMode);
        var sockets = new DaemonSockets(_files);

        sockets.PrepareControl(ControlSocket);

        Assert.Equal(ControlApi.DirectoryMode, _files.Stat("/run/causeway/control").Mode);
        Assert.False(_files.Stat(ControlSocket).Exists);

        _files.AddSpecial(ControlSocket, FileKind.Socket, DaemonSockets.StatusSocketMode);
        sockets.CloseControl(ControlSocket);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, _files.Stat(ControlSocket).Mode);
    }

    [Fact]
    public void The_control_directory_is_made_when_missing()
    {
        new DaemonSockets(_files).PrepareControl(ControlSocket);

        var directory = _files.Stat("/run/causeway/control");
        Assert.True(directory.IsDirectory);
        Assert.Equal(ControlApi.DirectoryMode, directory.Mode);
    }

    [Fact]
    public void A_run_directory_on_a_read_only_mount_is_said_as_such()
    {
        _files.AddSpecial(StatusSocket, FileKind.Socket).MakeReadOnly("/run/causeway");

        Assert.Throws<DirectoryNotWritableException>(() => new DaemonSockets(_files).PrepareStatus(StatusSocket));
    }

    [Fact]
    public void With_a_causeway_group_the_status_socket_is_root_and_the_groups_only()
    {
        _files.AddFile("/etc/group", "root:x:0:\nsudo:x:27:alice\ncauseway:x:998:alice,bob\n");
        _files.AddSpecial(StatusSocket, FileKind.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var who = new DaemonSockets(_files).OpenStatus(StatusSocket);

        Assert.Equal(998, _files.GroupOf(StatusSocket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, _files.Stat(StatusSocket).Mode);
        Assert.Equal("root and the group causeway (0660)", who);
    }

    [Fact]
    public void A_group_it_may_not_hand_the_socket_to_leaves_it_root_only_and_says_how_to_fix_it()
    {
        _files.AddFile("/etc/group", "root:x:0:\ncauseway:x:998:alice\n");
        _files.AddSpecial(StatusSocket, FileKind.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        _files.RefusesGroupChanges = true;

        var who = new DaemonSockets(_files).OpenStatus(StatusSocket);

        Assert.Null(_files.GroupOf(StatusSocket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, _files.Stat(StatusSocket).Mode);
        Assert.StartsWith("root only (0600): ", who);
        Assert.Contains("SupplementaryGroups=causeway", who);
    }

    [Theory]
    [InlineData("root:x:0:\nstaff:x:50:\n")]
    [InlineData("causewayx:x:998:\n")]
    [InlineData(null)]
    public void Without_the_group_the_status_socket_stays_open_to_every_local_user(string? etcGroup)
    {
        if (etcGroup is not null)
        {
            _files.AddFile("/etc/group", etcGroup);
        }

        _files.AddSpecial(StatusSocket, FileKind.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var who = new DaemonSockets(_files).OpenStatus(StatusSocket);

        Assert.Null(_files.GroupOf(StatusSocket));
        Assert.Equal(DaemonSockets.StatusSocketMode, _files.Stat(StatusSocket).Mode);
        Assert.StartsWith("every local user (0666", who, StringComparison.Ordinal);
    }
}
