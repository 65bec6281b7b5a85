using Causeway.Lab.Dinosaur;
using Causeway.Lab.Duo;
using Causeway.Lab.Uno;
using Causeway.Lab.Worlds;

namespace Causeway.Lab;

/// <summary>
/// Every world `causeway-lab` knows. Each describes itself (<see cref="WorldKind"/>: nodes, gateway node, how to
/// build and check it); a new world is a folder of its own plus one entry here.
/// </summary>
internal static class WorldKinds
{
    public static readonly IReadOnlyList<WorldKind> All = [UnoWorld.Kind, DuoWorld.Kind, DinosaurWorld.Kind];

    public static IEnumerable<string> Names => All.Select(k => k.Name);

    public static WorldKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
