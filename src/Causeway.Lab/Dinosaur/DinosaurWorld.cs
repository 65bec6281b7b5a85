using Causeway.Lab.Checks;
using Causeway.Lab.Duo;
using Causeway.Lab.State;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// A running Dinosaur world: the shared operations (<see cref="RunningWorld"/>) with the sbc as the world's gateway
/// (Uno's role, the provider tunnel), the VM as its second Causeway host (<see cref="Vm"/>), and the phones and the
/// VM's clients (<see cref="AccessPhones"/>, as in Duo). Leaks are counted on both hosts' uplinks.
/// </summary>
internal sealed class DinosaurWorld : RunningWorld
{
    public static readonly WorldKind Kind = new(LabPaths.DinosaurWorld, DinosaurTopology.Nodes, DinosaurTopology.Sbc, DinosaurCheckNames.All, (w, e, s) => new DinosaurWorld(w, e, s));

    public DinosaurWorld(LabWorld world, LabEnvironment environment, LabState state)
        : base(world, environment, state, new WorldLayout(world, DinosaurTopology.Sbc), [DinosaurTopology.SbcUplink, DinosaurTopology.VmUplink])
    {
        Vm = OnHost(DinosaurTopology.Vm);
        VmLayout = new DuoLayout(world);
        Phones = new AccessPhones(Vm, VmLayout);
    }

    /// <summary>The world seen from the VM: its `causeway up`, status, layers, snapshot.</summary>
    public RunningWorld Vm { get; }

    /// <summary>The VM's and the phones' files (Duo's layout: the VM is node vm in both worlds).</summary>
    public DuoLayout VmLayout { get; }

    /// <summary>The VM's access clients and the phones.</summary>
    public AccessPhones Phones { get; }

    public override Task BuildAsync(bool startGateway, CancellationToken ct) => DinosaurBuilder.BuildAsync(this, startGateway, ct);

    public override Task<LabCheckReport> CheckAsync(CancellationToken ct) => new DinosaurChecks(this).RunAsync(ct);
}
