using Causeway.Lab.Checks;
using Causeway.Lab.State;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Duo;

/// <summary>
/// A running Duo world: the shared operations (<see cref="RunningWorld"/>) with the VM as the gateway, plus the
/// phones and the VM's clients (<see cref="AccessPhones"/>).
/// </summary>
internal sealed class DuoWorld : RunningWorld
{
    public static readonly WorldKind Kind = new(LabPaths.DuoWorld, DuoTopology.Nodes, DuoTopology.Vm, DuoCheckNames.All, (w, e, s) => new DuoWorld(w, e, s));

    public DuoWorld(LabWorld world, LabEnvironment environment, LabState state)
        : this(world, environment, state, new DuoLayout(world))
    {
    }

    private DuoWorld(LabWorld world, LabEnvironment environment, LabState state, DuoLayout layout)
        : base(world, environment, state, layout, [DuoTopology.Uplink])
    {
        DuoLayout = layout;
        Phones = new AccessPhones(this, layout);
    }

    public DuoLayout DuoLayout { get; }

    public override Task BuildAsync(bool startGateway, CancellationToken ct) => DuoBuilder.BuildAsync(this, startGateway, ct);

    public override Task<LabCheckReport> CheckAsync(CancellationToken ct) => new DuoChecks(this).RunAsync(ct);

    /// <summary>The VM's access clients and the phones.</summary>
    public AccessPhones Phones { get; }
}
