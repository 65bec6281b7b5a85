using System.Text.Json;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.Seams;

namespace Causeway.Engine.HostState;

/// <summary>
/// The state file, &lt;state_dir&gt;/state.json (directory 0700, file 0600), read and written whole on every
/// change, atomically. It is the memory that lets `down` restore sysctls and find Causeway's names.
/// </summary>
/// <param name="ownerName">
/// The instance whose state_dir holds the file: the directory is made (or adopted) and marked as that instance's
/// (<see cref="OwnedDirectories"/>), never created unmarked or written into when it is someone else's. Null only
/// for a file in a directory the caller owns outright (tests).
/// </param>
public sealed class StateStore(IFileSystem fileSystem, string path, string? ownerName = null)
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = path;

    public static StateStore For(IFileSystem fileSystem, InstanceSettings instance) => new(fileSystem, instance.StateFilePath, instance.Name);

    /// <summary>The recorded state; <see cref="StateFile.Empty"/> when there is no file.</summary>
    public StateFile Load()
    {
        if (!fileSystem.Stat(Path).Exists)
        {
            return StateFile.Empty;
        }

        StateFile? state;
        try
        {
            state = JsonSerializer.Deserialize(fileSystem.ReadAllText(Path), HostStateJsonContext.Default.StateFile);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"reading {Path}: not a Causeway state file ({e.Message}); it records the sysctl values to restore, so check them by hand before deleting it",
                e);
        }

        if (state is null || state.Version != StateFile.CurrentVersion)
        {
            throw new InvalidDataException($"reading {Path}: unknown state file version {state?.Version}; written by another Causeway version?");
        }

        return state with { Sysctls = state.Sysctls.IsDefault ? [] : state.Sysctls };
    }

    public void Save(StateFile state)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            if (ownerName is null)
            {
                fileSystem.EnsureDirectory(directory, DirectoryMode);
            }
            else
            {
                new OwnedDirectories(fileSystem).Ensure(directory, DirectoryMode, ownerName);
            }
        }

        fileSystem.WriteAllTextAtomic(Path, JsonSerializer.Serialize(state, HostStateJsonContext.Default.StateFile) + "\n", FileMode);
    }

    public void RecordOwnedNames(OwnedNames owned)
    {
        var state = Load();
        if (state.Owned != owned)
        {
            Save(state with { Owned = owned });
        }
    }

    /// <summary>
    /// Records a sysctl Causeway is about to set. An existing record keeps its original: after a restart the
    /// current value is Causeway's own, not the host's.
    /// </summary>
    public void RecordSysctl(string name, string original, string ours)
    {
        var state = Load();
        var existing = state.Find(name);
        var record = new RecordedSysctl(name, existing?.Original ?? original, ours);
        if (existing == record)
        {
            return;
        }

        Save(state with { Sysctls = existing is null ? state.Sysctls.Add(record) : state.Sysctls.Replace(existing, record) });
    }

    public void ForgetSysctl(string name)
    {
        var state = Load();
        if (state.Find(name) is { } existing)
        {
            Save(state with { Sysctls = state.Sysctls.Remove(existing) });
        }
    }

    /// <summary>After a complete `down`: nothing is left to undo.</summary>
    public void Delete()
    {
        if (fileSystem.Stat(Path).Exists)
        {
            fileSystem.DeleteFile(Path);
        }
    }
}
