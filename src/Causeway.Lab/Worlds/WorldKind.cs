using Causeway.Lab.State;

namespace Causeway.Lab.Worlds;

/// <summary>
/// What the lab needs to know of a world before it runs: its name (`lab up NAME`), its nodes (the namespaces `lab up`
/// makes and `lab down` removes), the node that runs `causeway up`, the checks `lab check` reports (in order), and how
/// to open it once it has a state file.
/// Each world describes itself (e.g. Uno.UnoWorld.Kind); <see cref="WorldKinds"/> lists them.
/// </summary>
internal sealed record WorldKind(
    string Name,
    IReadOnlyList<string> Nodes,
    string GatewayNode,
    IReadOnlyList<string> CheckNames,
    Func<LabWorld, LabEnvironment, LabState, RunningWorld> Open);
