using Causeway.Engine.Seams;
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
        var refused = Assert.Throws<LockHeldException>(() => _files.LockExclusive(path, TimeSpan.FromMilliseconds(100)));
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
        Assert.Null(file.DeviceMajor);
    }

    /// <summary>`causeway doctor` tells /dev/net/tun from another device by its numbers (10,200); /dev/null is 1,3 everywhere.</summary>
    [Fact]
    public void Stat_gives_a_devices_major_and_minor_numbers()
    {
        var devNull = _files.Stat("/dev/null");

        Assert.Equal((FileKind.CharacterDevice, (int?)1, (int?)3), (devNull.Kind, devNull.DeviceMajor, devNull.DeviceMinor));
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

    [Fact]
    public async Task Reading_a_fifo_as_input_is_refused_at_once_without_waiting_for_a_writer()
    {
        var path = Path.Combine(_directory, "provider.ovpn");
        MakeFifo(path);

        // A blocking open would wait for a writer forever: bound the wait, so that a regression fails instead of hanging.
        var reading = Task.Run(() => Record.Exception(() => _files.ReadInputFile(path, 1 << 20)), TestContext.Current.CancellationToken);
        var exception = await reading.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var refused = Assert.IsType<InputFileRefusedException>(exception);
        Assert.Equal($"{path} is a FIFO (named pipe), not a regular file", refused.Message);
        Assert.Equal(FileKind.Fifo, _files.Stat(path).Kind);
    }

    [Fact]
    public void A_symlink_to_a_device_is_refused_and_the_message_says_where_it_points()
    {
        var path = Path.Combine(_directory, "ca.crt");
        File.CreateSymbolicLink(path, "/dev/zero");

        var refused = Assert.Throws<InputFileRefusedException>(() => _files.ReadInputFile(path, 1 << 20));

        Assert.Equal($"{path} (a symlink to /dev/zero) is a character device, not a regular file", refused.Message);
        Assert.Equal("/dev/zero", refused.LinkTarget);
    }

    [Fact]
    public void A_symlink_to_a_regular_file_is_read_and_a_dangling_one_is_missing()
    {
        var target = Path.Combine(_directory, "real.ovpn");
        File.WriteAllText(target, "client\n");
        var link = Path.Combine(_directory, "provider.ovpn");
        File.CreateSymbolicLink(link, "real.ovpn");
        var dangling = Path.Combine(_directory, "gone.ovpn");
        File.CreateSymbolicLink(dangling, "nowhere.ovpn");

        Assert.Equal("client\n"u8.ToArray(), _files.ReadInputFile(link, 100));
        var missing = Assert.Throws<FileNotFoundException>(() => _files.ReadInputFile(dangling, 100));
        Assert.Contains("nowhere.ovpn, which does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stat_without_following_sees_a_symlink_even_a_dangling_one_where_stat_sees_its_target()
    {
        var target = Path.Combine(_directory, "real.key");
        File.WriteAllText(target, "key\n");
        var link = Path.Combine(_directory, "ca.key");
        File.CreateSymbolicLink(link, "real.key");
        var dangling = Path.Combine(_directory, "server.key");
        File.CreateSymbolicLink(dangling, "nowhere.key");

        Assert.Equal(FileKind.Symlink, _files.StatNoFollow(link).Kind);
        Assert.Equal(FileKind.Regular, _files.Stat(link).Kind);
        Assert.Equal(FileKind.Symlink, _files.StatNoFollow(dangling).Kind);
        Assert.False(_files.Stat(dangling).Exists);
        Assert.Equal(FileKind.Regular, _files.StatNoFollow(target).Kind);
        Assert.False(_files.StatNoFollow(Path.Combine(_directory, "nope")).Exists);
    }

    [Fact]
    public void Input_up_to_its_bound_is_read_and_one_byte_more_is_refused()
    {
        var path = Path.Combine(_directory, "causeway.toml");
        File.WriteAllBytes(path, new byte[1024]);

        Assert.Equal(1024, _files.ReadInputFile(path, 1024).Length);
        var refused = Assert.Throws<InputFileRefusedException>(() => _files.ReadInputFile(path, 1023));
        Assert.Equal($"{path} is larger than 1023 bytes, more than this kind of file ever needs", refused.Message);
    }

    [Fact]
    public void A_directory_or_an_unreadable_file_is_not_input()
    {
        Assert.Contains("is a directory, not a regular file", Assert.Throws<InputFileRefusedException>(() => _files.ReadInputFile(_directory, 100)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => _files.ReadInputFile(Path.Combine(_directory, "nope"), 100));
    }

    [Fact]
    public void Real_path_resolves_every_symlink_on_the_way_and_leaves_a_missing_path_alone()
    {
        var real = Directory.CreateDirectory(Path.Combine(_directory, "real")).FullName;
        var link = Path.Combine(_directory, "link");
        File.CreateSymbolicLink(link, real);

        Assert.Equal(real, _files.RealPath(link));
        Assert.Equal(Path.Combine(link, "nope"), _files.RealPath(Path.Combine(link, "nope")));
    }

    [RootFact]
    public void A_lock_in_a_read_only_directory_fails_at_once_saying_so_not_blaming_another_process()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "state")).FullName;
        Run("mount", "--bind", directory, directory);
        try
        {
            Run("mount", "-o", "remount,bind,ro", directory);
            var started = System.Diagnostics.Stopwatch.StartNew();

            var refused = Assert.Throws<DirectoryNotWritableException>(() => _files.LockExclusive(Path.Combine(directory, "access.lock"), TimeSpan.FromSeconds(10)));
            var written = Assert.Throws<DirectoryNotWritableException>(() => _files.WriteAllTextAtomic(Path.Combine(directory, ".causeway-owned"), "causeway\n", UnixFileMode.UserRead | UnixFileMode.UserWrite));

            Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"took {started.Elapsed}");
            Assert.Equal($"{directory} is on a read-only file system: nothing can be written there (make it writable, or point the config at a writable directory)", refused.Message);
            Assert.Equal(directory, written.Directory);
        }
        finally
        {
            Run("umount", directory);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static FileFacts FileFactsMissing => FileFacts.Missing;

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
