namespace Causeway.Lab.Duo;

/// <summary>One row of `causeway client list --json` on the VM, as the lab reads it.</summary>
/// <param name="Revoked">Revoked (it stays listed, marked).</param>
/// <param name="Sessions">Its live connections.</param>
public sealed record VmClient(string Name, bool Revoked, IReadOnlyList<VmClientSession> Sessions)
{
    public bool Connected => Sessions.Count > 0;

    public string Describe() =>
        $"{Name}{(Revoked ? " (revoked)" : string.Empty)}: "
        + (Sessions.Count == 0 ? "not connected" : string.Join(", ", Sessions.Select(s => s.Describe())));
}
