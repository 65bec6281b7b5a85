using Causeway.Lab.Checks;
using Causeway.Lab.State;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Uno;

/// <summary>A running Uno world: the shared operations (<see cref="RunningWorld"/>) with the sbc as its gateway.</summary>
internal sealed class UnoWorld(LabWorld world, LabEnvironment environment, LabState state)
    : RunningWorld(world, environment, state, new WorldLayout(world, UnoTopology.Gateway), [UnoTopology.Uplink])
{
    public static readonly WorldKind Kind = new(LabPaths.DefaultWorld, UnoTopology.Nodes, UnoTopology.Gateway, UnoCheckNames.All, (w, e, s) => new UnoWorld(w, e, s));

    public override Task BuildAsync(bool startGateway, CancellationToken ct) => UnoBuilder.BuildAsync(this, startGateway, ct);

    public override Task<LabCheckReport> CheckAsync(CancellationToken ct) => new UnoChecks(this).RunAsync(ct);
}
