using Causeway.Core.Boot;
using Causeway.Core.Model;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Boot;

/// <summary>
/// Where `causeway up` saves the kill switch of the config it last converged with and `causeway boot` reads it:
/// <c>&lt;state_dir&gt;/boot/kill-switch.json</c> (directory 0700, file 0600, written atomically). Reading trusts
/// nothing it did not make itself: the directory and the file must be what Causeway makes (not symlinks, a directory
/// and a regular file, owned by <paramref name="ownerUid"/>, closed to group and others) and the file no larger than
/// <see cref="SavedKillSwitchCodec.MaxBytes"/>, read without ever blocking.
/// </summary>
/// <param name="ownerName">
/// The instance whose state_dir this is: <see cref="Save"/> makes (or adopts) it as that instance's, like the state
/// file (<see cref="OwnedDirectories"/>). Null for a directory the caller owns outright (tests).
/// </param>
/// <param name="ownerUid">Whose the saved files must be: root (0), who runs `up` and `boot`; tests give their own.</param>
public sealed class BootKillSwitchStore(IFileSystem files, string stateDirectory, string? ownerName = null, int ownerUid = 0)
{
    public const string DirectoryName = "boot";
    public const string FileName = "kill-switch.json";

    /// <summary>The default instance's file, as the boot unit names it (ConditionPathExists=).</summary>
    public static readonly string DefaultPath = System.IO.Path.Combine(InstanceSettings.DefaultStateDirectory, DirectoryName, FileName);

    public string StateDirectory { get; } = stateDirectory;

    public string Directory => System.IO.Path.Combine(StateDirectory, DirectoryName);

    public string Path => System.IO.Path.Combine(Directory, FileName);

    public static BootKillSwitchStore For(IFileSystem files, InstanceSettings instance) => new(files, instance.StateDirectory, instance.Name);

    /// <summary>Writes the saved kill switch (<see cref="SavedKillSwitchCodec.Write"/>) in one atomic rename.</summary>
    public void Save(string json)
    {
        if (ownerName is null)
        {
            files.EnsureDirectory(StateDirectory, FileModes.PrivateDirectory);
        }
        else
        {
            new OwnedDirectories(files).Ensure(StateDirectory, FileModes.PrivateDirectory, ownerName);
        }

        files.EnsureDirectory(Directory, FileModes.PrivateDirectory);
        files.WriteAllTextAtomic(Path, json, FileModes.PrivateFile);
    }

    /// <summary>The saved bytes, or null when nothing is saved (no directory, or no file in it).</summary>
    /// <exception cref="BootKillSwitchRefusedException">Something is there, but not what Causeway writes.</exception>
    public byte[]? Load()
    {
        var directory = files.Stat(Directory);
        if (!directory.Exists)
        {
            return null;
        }

        Check(Directory, System.IO.Path.Combine(files.RealPath(StateDirectory), DirectoryName), directory, FileKind.Directory);
        var file = files.Stat(Path);
        if (!file.Exists)
        {
            return null;
        }

        Check(Path, System.IO.Path.Combine(files.RealPath(Directory), FileName), file, FileKind.Regular);
        try
        {
            return files.ReadInputFile(Path, SavedKillSwitchCodec.MaxBytes);
        }
        catch (InputFileRefusedException refused)
        {
            throw new BootKillSwitchRefusedException(Path, refused.Problem);
        }
        catch (FileNotFoundException)
        {
            // Removed in between (`down` at the same moment): nothing saved.
            return null;
        }
    }

    /// <summary>`down`: the file, then the directory if nothing else is in it. The next boot then does nothing.</summary>
    /// <returns>Whether there was a saved kill switch.</returns>
    public bool Delete()
    {
        var existed = files.Stat(Path).Exists;
        if (existed)
        {
            files.DeleteFile(Path);
        }

        if (files.Stat(Directory).IsDirectory && files.ListDirectory(Directory).Count == 0)
        {
            files.DeleteDirectory(Directory);
        }

        return existed;
    }

    /// <summary>
    /// As Causeway made it: where it is (no symlink: its real path is where its real parent says), of the kind it made,
    /// root's, and closed to group and others. A symlink is refused as such, whatever it points to.
    /// </summary>
    private void Check(string path, string expectedRealPath, FileFacts facts, FileKind kind)
    {
        if (files.RealPath(path) != expectedRealPath)
        {
            throw new BootKillSwitchRefusedException(path, $"is a symlink (to {files.RealPath(path)}); Causeway writes {FileFacts.Describe(kind)} there");
        }

        if (facts.Kind != kind)
        {
            throw new BootKillSwitchRefusedException(path, $"is {FileFacts.Describe(facts.Kind)}, not {FileFacts.Describe(kind)}");
        }

        if (facts.OwnerUid != ownerUid)
        {
            throw new BootKillSwitchRefusedException(path, $"is owned by uid {facts.OwnerUid}, not {ownerUid}: only what root wrote is applied at boot");
        }

        if (facts.IsAccessibleByOthers)
        {
            throw new BootKillSwitchRefusedException(path, $"is open to group or others (mode {Convert.ToString((int)facts.Mode, 8).PadLeft(4, '0')}); Causeway writes it {(kind == FileKind.Directory ? "0700" : "0600")}");
        }
    }
}
