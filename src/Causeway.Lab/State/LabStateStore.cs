using System.Text.Json;
using Causeway.Engine.Seams;
using Causeway.Lab.Json;

namespace Causeway.Lab.State;

/// <summary>Reads and writes a world's lab.json (0600, atomic: a crash never leaves half a file).</summary>
public sealed class LabStateStore(IFileSystem files)
{
    public LabState? Load(LabWorld world)
    {
        if (!files.Stat(world.StateFilePath).Exists)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(files.ReadAllText(world.StateFilePath), LabJsonContext.Default.LabState);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"reading {world.StateFilePath}: {e.Message} (delete the file, then run `causeway-lab down` again)", e);
        }
    }

    public void Save(LabWorld world, LabState state) =>
        files.WriteAllTextAtomic(
            world.StateFilePath,
            JsonSerializer.Serialize(state, LabJsonContext.Default.LabState),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
