using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

public sealed class LinuxFileSystemTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cw-fs-").FullName;
    private readonly LinuxFileSystem _files = new();

    [Fact]
    public void An_exclusive_lock_keeps_a_second_taker_out_until_released_and_is_made_0600()
    {
        var path = Path.Combine(_directory, "x.lock");
        var held = _files.LockExclusive(path, TimeSpan.FromSeconds(1));

        // A second open file description, as another process would have: flock refuses it while the first holds.
        var refused = Assert.Throws<IOException>(() => _files.LockExclusive(path, TimeSpan.FromMilliseconds(100)));
        held.Dispose();
        using var second = _files.LockExclusive(path, TimeSpan.FromMilliseconds(100));

        Assert.Contains("another causeway process has held it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, _files.Stat(path).Mode);
    }

    [Fact]
    public void Atomic_write_sets_the_exact_mode_whatever_the_umask()
    {
        var path = Path.Combine(_directory, "key.pem");

        _files.WriteAllTextAtomic(path, "secret", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var facts = _files.Stat(path);
        Assert.True(facts.Exists);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, facts.Mode);
        Assert.False(facts.IsAccessibleByOthers);
        Assert.Equal("secret", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Atomic_write_replaces_an_existing_file_and_its_mode()
    {
        var path = Path.Combine(_directory, "conf");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);

        _files.WriteAllTextAtomic(path, "new", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(_files.Stat(path).IsAccessibleByOthers);
    }

    [Fact]
    public void Stat_reports_owner_size_type_and_missing_paths()
    {
        var path = Path.Combine(_directory, "f");
        File.WriteAllText(path, "12345");

        var file = _files.Stat(path);
        var directory = _files.Stat(_directory);

        Assert.Equal(5, file.Length);
        Assert.False(file.IsDirectory);
        Assert.Equal(Environment.IsPrivilegedProcess ? 0 : file.OwnerUid, file.OwnerUid);
        Assert.True(directory.IsDirectory);
        Assert.Equal(FileFactsMissing, _files.Stat(Path.Combine(_directory, "nope")));
        Assert.Equal(FileFactsMissing, _files.Stat(Path.Combine(path, "under-a-file")));
    }

    [Fact]
    public void Ensure_directory_sets_the_mode_of_an_existing_directory()
    {
        var path = Path.Combine(_directory, "run");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);

        _files.EnsureDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _files.Stat(path).Mode);
    }

    private static Engine.Seams.FileFacts FileFactsMissing => Engine.Seams.FileFacts.Missing;

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
