using Causeway.Lab.State;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Uno;

/// <summary>A running Uno world: the shared operations (<see cref="RunningWorld"/>) with the sbc as its gateway.</summary>
internal sealed class UnoWorld(LabWorld world, LabEnvironment environment, LabState state)
    : RunningWorld(world, environment, state, new WorldLayout(world, UnoTopology.Gateway));
