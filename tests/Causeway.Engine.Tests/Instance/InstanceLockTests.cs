using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Instance;

public sealed class InstanceLockTests
{
    private const string LockPath = "/run/causeway/causeway.lock";
    private const string PidPath = "/run/causeway/causeway.pid";

    private readonly InMemoryFileSystem _files = new InMemoryFileSystem().AddDirectory("/run/causeway");
    private readonly FakeHostIdentity _identity = new() { ProcessId = 4711 };

    [Fact]
    public void The_holder_writes_its_pid_beside_the_lock_through_the_file_seam_and_removes_it_when_it_lets_go()
    {
        using (var held = InstanceLock.TryAcquire(_files, _identity, LockPath, out var holder))
        {
            Assert.NotNull(held);
            Assert.Null(holder);
            Assert.Equal("4711\n", _files.ContentOf(PidPath));
            var write = Assert.Single(_files.Writes);
            Assert.True(write.Atomic, "a reader must never see half a pid");
            Assert.Equal(InstanceLock.PidFileMode, _files.Stat(PidPath).Mode);
        }

        Assert.False(_files.Stat(PidPath).Exists);
    }

    [Fact]
    public void A_lock_another_process_holds_is_not_taken_and_its_holder_is_named()
    {
        _files.HoldLock(LockPath).AddFile(PidPath, "1234\n");

        var held = InstanceLock.TryAcquire(_files, _identity, LockPath, out var holder);

        Assert.Null(held);
        Assert.Equal(1234, holder);
        Assert.Equal("1234\n", _files.ContentOf(PidPath));
        Assert.Empty(_files.Writes);
    }

    [Fact]
    public void A_holder_whose_pid_cannot_be_read_is_still_a_holder()
    {
        _files.HoldLock(LockPath).AddFile(PidPath, "not a pid\n");

        Assert.Null(InstanceLock.TryAcquire(_files, _identity, LockPath, out var holder));
        Assert.Null(holder);
        Assert.Null(InstanceLock.ReadHolder(_files.Remove(PidPath), LockPath));
    }

    [Fact]
    public void A_read_only_run_directory_is_said_at_once_not_taken_for_a_holder()
    {
        _files.MakeReadOnly("/run/causeway");

        var error = Assert.Throws<DirectoryNotWritableException>(() => InstanceLock.TryAcquire(_files, _identity, LockPath, out _));

        Assert.Equal("/run/causeway", error.Directory);
        Assert.Contains(DirectoryNotWritableException.ReadOnlyFileSystem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_held_only_while_another_process_holds_it_and_never_creates_the_lock_file()
    {
        Assert.False(InstanceLock.IsHeld(_files, LockPath));
        Assert.False(_files.Stat(LockPath).Exists);

        _files.HoldLock(LockPath);
        Assert.True(InstanceLock.IsHeld(_files, LockPath));

        _files.ReleaseLock(LockPath);
        Assert.False(InstanceLock.IsHeld(_files, LockPath));
    }
}
