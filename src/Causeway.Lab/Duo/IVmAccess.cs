namespace Causeway.Lab.Duo;

/// <summary>
/// `causeway client add | list | revoke` on the VM, as the lab drives it: <see cref="CausewayClientCommands"/> (the
/// product's commands), or, until `causeway up` and `causeway client` exist, the temporary <see cref="AccessStandIn"/>.
/// </summary>
internal interface IVmAccess
{
    /// <summary>What does the work, for the evidence ("`causeway client` on the VM").</summary>
    string Description { get; }

    /// <summary>Adds a client and writes its profile to <paramref name="profilePath"/>; throws (with the reason) if it cannot.</summary>
    Task AddAsync(string name, string profilePath, CancellationToken ct);

    Task<IReadOnlyList<VmClient>> ListAsync(CancellationToken ct);

    /// <summary>Revokes a client (and ends its live sessions); returns what the command said.</summary>
    Task<string> RevokeAsync(string name, CancellationToken ct);
}
