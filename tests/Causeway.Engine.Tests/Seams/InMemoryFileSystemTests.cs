using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Seams;

/// <summary>The fake must fail where the real file system fails, or tests of code that uses it prove nothing.</summary>
public sealed class InMemoryFileSystemTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0700 = Mode0600 | UnixFileMode.UserExecute;

    private readonly InMemoryFileSystem _files = new();

    [Fact]
    public void Added_files_have_their_content_mode_owner_and_parents()
    {
        _files.AddFile("/etc/causeway/provider.auth", "user\npass\n", Mode0600, ownerUid: 1000);

        Assert.Equal(new FileFacts(true, false, Mode0600, 1000, 10), _files.Stat("/etc/causeway/provider.auth"));
        Assert.Equal("user\npass\n", _files.ReadAllText("/etc/causeway/provider.auth"));
        Assert.True(_files.Stat("/etc/causeway").IsDirectory);
        Assert.Equal(["causeway"], _files.ListDirectory("/etc"));
        Assert.Same(FileFacts.Missing, _files.Stat("/etc/nothing"));
    }

    [Fact]
    public void Reads_fail_like_the_real_file_system()
    {
        _files.AddFile("/secret", "x").DenyRead("/secret").AddDirectory("/dir");

        Assert.Throws<FileNotFoundException>(() => _files.ReadAllText("/missing"));
        Assert.Throws<UnauthorizedAccessException>(() => _files.ReadAllText("/secret"));
        Assert.Throws<UnauthorizedAccessException>(() => _files.ReadAllBytes("/dir"));
    }

    [Fact]
    public void Writes_need_the_directory_and_are_logged_with_their_mode()
    {
        Assert.Throws<DirectoryNotFoundException>(() => _files.WriteAllTextAtomic("/run/cw/openvpn/client.conf", "x", Mode0600));

        _files.EnsureDirectory("/run/cw/openvpn", Mode0700);
        _files.WriteAllTextAtomic("/run/cw/openvpn/client.conf", "client\n", Mode0600);
        _files.AddFile("/proc/sys/net/ipv4/ip_forward", "0\n");
        _files.WriteInPlace("/proc/sys/net/ipv4/ip_forward", "1");

        Assert.Equal(Mode0700, _files.Stat("/run/cw/openvpn").Mode);
        Assert.Equal(Mode0600, _files.Stat("/run/cw/openvpn/client.conf").Mode);
        Assert.Equal("1", _files.ContentOf("/proc/sys/net/ipv4/ip_forward"));
        Assert.Equal(InMemoryFileSystem.DefaultFileMode, _files.Stat("/proc/sys/net/ipv4/ip_forward").Mode);
        Assert.Equal(
            [
                new FileSystemWrite("/run/cw/openvpn/client.conf", "client\n", Mode0600, Atomic: true),
                new FileSystemWrite("/proc/sys/net/ipv4/ip_forward", "1", null, Atomic: false),
            ],
            _files.Writes);
    }

    [Fact]
    public void Deleting_removes_files_only()
    {
        _files.AddFile("/run/cw/causeway.lock", string.Empty);

        _files.DeleteFile("/run/cw/causeway.lock");
        _files.DeleteFile("/run/cw/causeway.lock");

        Assert.False(_files.Stat("/run/cw/causeway.lock").Exists);
        Assert.Throws<UnauthorizedAccessException>(() => _files.DeleteFile("/run/cw"));
        Assert.Empty(_files.ListDirectory("/run/cw"));
        Assert.Empty(_files.ListDirectory("/nowhere"));
    }

    [Fact]
    public void Paths_are_compared_after_removing_repeated_and_trailing_slashes()
    {
        _files.AddFile("/a//b/c", "x");

        Assert.True(_files.Stat("/a/b/c").Exists);
        Assert.True(_files.Stat("/a/b/").IsDirectory);
    }
}
