using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

/// <summary>
/// Programs run as root come from fixed directories, never $PATH, and only when nobody but root can change them.
/// Root: the test files are chowned to another user to be refused.
/// </summary>
public sealed class SystemProgramsTests : IDisposable
{
    private const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string _directory = Directory.CreateTempSubdirectory("cw-bin-").FullName;

    public SystemProgramsTests()
    {
        File.SetUnixFileMode(_directory, Mode0755);
    }

    [RootFact]
    public void A_root_owned_program_is_found_in_the_fixed_directories_once()
    {
        var path = Program("nft", Mode0755);
        var programs = new SystemPrograms([Path.Combine(_directory, "none"), _directory], new LinuxFileSystem());

        Assert.Equal(path, programs.Resolve("nft"));
        File.Delete(path);
        Assert.Equal(path, programs.Resolve("nft"));
        Assert.Equal("/opt/x/openvpn", programs.Resolve("/opt/x/openvpn"));
    }

    [RootFact]
    public void A_program_others_can_change_is_refused_with_what_to_do()
    {
        var path = Program("ip", Mode0755 | UnixFileMode.GroupWrite);
        var programs = new SystemPrograms([_directory], new LinuxFileSystem());

        var refused = Assert.Throws<InvalidOperationException>(() => programs.Resolve("ip"));

        Assert.Equal($"refusing to run {path}: it is writable by group or others (mode 0775); Causeway runs programs as root, so only root may be able to change them (chown root:root and chmod go-w, or reinstall the package)", refused.Message);
    }

    [RootFact]
    public void A_program_not_owned_by_root_is_refused_also_through_a_symlink()
    {
        var real = Program("openvpn-2.6", Mode0755);
        File.SetUnixFileMode(real, Mode0755);
        Chown(real, 1000);
        File.CreateSymbolicLink(Path.Combine(_directory, "openvpn"), real);
        var programs = new SystemPrograms([_directory], new LinuxFileSystem());

        var refused = Assert.Throws<InvalidOperationException>(() => programs.Resolve("openvpn"));

        Assert.Contains($"it (a symlink to {real}) is owned by uid 1000, not root", refused.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public void A_program_in_a_directory_others_can_write_is_refused()
    {
        var unsafeDirectory = Directory.CreateDirectory(Path.Combine(_directory, "open")).FullName;
        File.SetUnixFileMode(unsafeDirectory, Mode0755 | UnixFileMode.OtherWrite);
        File.WriteAllText(Path.Combine(unsafeDirectory, "conntrack"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(unsafeDirectory, "conntrack"), Mode0755);
        var programs = new SystemPrograms([unsafeDirectory], new LinuxFileSystem());

        var refused = Assert.Throws<InvalidOperationException>(() => programs.Resolve("conntrack"));

        Assert.Contains($"the directory {unsafeDirectory} that holds it can be changed by someone other than root", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_program_names_where_it_was_looked_for_and_never_path()
    {
        var programs = new SystemPrograms(SystemPrograms.FixedDirectories, new LinuxFileSystem());

        var missing = Assert.Throws<InvalidOperationException>(() => programs.Resolve("no-such-program-cw"));

        Assert.Equal("`no-such-program-cw` is not installed: Causeway looks for it in /usr/sbin, /usr/bin, /sbin, /bin only, never through $PATH (install the package that has it)", missing.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Program(string name, UnixFileMode mode, string content = "#!/bin/sh\nexit 0\n")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static void Chown(string path, int uid)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path]);
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}
