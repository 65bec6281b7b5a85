using System.Net.Sockets;
using Causeway.Engine.Instance;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

/// <summary>The instance lock and the daemon's socket files on the real file system (flock, chmod of a bound socket).</summary>
public sealed class DaemonFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cw-daemon-files-").FullName;
    private readonly LinuxFileSystem _files = new();

    [Fact]
    public void A_second_up_is_refused_the_lock_and_names_the_first_whose_pid_is_readable_while_it_holds_it()
    {
        var path = Path.Combine(_directory, "causeway.lock");
        var first = InstanceLock.TryAcquire(_files, new LinuxHostIdentity(), path, out _);
        Assert.NotNull(first);

        // Another open file description, as a second process would have: flock refuses it.
        var second = InstanceLock.TryAcquire(_files, new LinuxHostIdentity(), path, out var holder);

        Assert.Null(second);
        Assert.Equal(Environment.ProcessId, holder);
        Assert.True(InstanceLock.IsHeld(_files, path));
        Assert.Equal(InstanceLock.PidFileMode, _files.Stat(InstanceLock.PidPath(path)).Mode);

        first.Dispose();

        Assert.False(InstanceLock.IsHeld(_files, path));
        Assert.False(File.Exists(InstanceLock.PidPath(path)));
    }

    [Fact]
    public void A_bound_socket_gets_exactly_the_mode_asked_for_whatever_the_umask()
    {
        var path = Path.Combine(_directory, "causeway.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        var sockets = new DaemonSockets(_files);

        // 0660 when this host has the causeway group (the package test leaves it, as the package does on purge), else 0666.
        sockets.OpenStatus(path);
        Assert.Equal(sockets.StatusGroupId() is null ? DaemonSockets.StatusSocketMode : DaemonSockets.GroupStatusSocketMode, _files.Stat(path).Mode);

        sockets.CloseControl(path);
        Assert.Equal(DaemonSockets.ControlSocketMode, _files.Stat(path).Mode);
    }

    [Fact]
    public void A_stale_socket_file_is_removed_so_that_the_next_bind_succeeds()
    {
        var path = Path.Combine(_directory, "causeway.sock");
        using (var crashed = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            crashed.Bind(new UnixDomainSocketEndPoint(path));
        }

        new DaemonSockets(_files).PrepareStatus(path);

        using var next = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        next.Bind(new UnixDomainSocketEndPoint(path));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Setting_the_mode_of_a_missing_file_says_which()
    {
        var path = Path.Combine(_directory, "gone.sock");

        var error = Assert.ThrowsAny<IOException>(() => _files.SetMode(path, DaemonSockets.StatusSocketMode));

        Assert.Contains("gone.sock", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
