namespace Causeway.Lab.State;

/// <summary>
/// Everything `lab up` made, written to &lt;world dir&gt;/lab.json as it goes (so that `lab down` can undo a
/// half-built world too) and rewritten when `lab check` restarts a process.
/// </summary>
/// <param name="LabBinary">The `causeway-lab` that built the world; the lab's services and probes run from it.</param>
/// <param name="GatewayBinary">The `causeway` whose `up`, `status` and `down` run on the gateway.</param>
/// <param name="Namespaces">Every namespace the lab created (all prefixed).</param>
/// <param name="Processes">Detached processes, latest first per name.</param>
/// <param name="GatewayConfigPath">The generated `causeway up` config.</param>
/// <param name="GatewayDefaultRoutes">The gateway's own default routes (v4 and v6) before `causeway up`.</param>
/// <param name="SnapshotBeforeUpPath">The gateway's host snapshot taken before `causeway up`.</param>
/// <param name="AccessClients">Duo: the clients added for its phones, latest first per name.</param>
/// <param name="NegativeControls">Every negative-control window of every `lab check` run so far, oldest first.</param>
/// <param name="OtherHosts">Dinosaur: the other host that runs `causeway up` (the VM).</param>

public sealed record LabState(
    string World,
    string Prefix,
    string Root,
    string LabBinary,
    string GatewayBinary,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<LabProcessRecord> Processes,
    string GatewayConfigPath,
    IReadOnlyList<string> GatewayDefaultRoutes,
    string? SnapshotBeforeUpPath,
    IReadOnlyList<LabAccessClient>? AccessClients = null,
    IReadOnlyList<LabNegativeControl>? NegativeControls = null,
    IReadOnlyList<LabHostState>? OtherHosts = null)
{
    /// <summary>The latest record of the named process, or null.</summary>
    public LabProcessRecord? Process(string name) => Processes.FirstOrDefault(p => p.Name == name);

    /// <summary>This state with <paramref name="record"/> replacing any earlier record of the same name.</summary>
    public LabState WithProcess(LabProcessRecord record) =>
        this with { Processes = [record, .. Processes.Where(p => p.Name != record.Name)] };

    /// <summary>The latest client added for <paramref name="name"/>, or null.</summary>
    public LabAccessClient? AccessClient(string name) => AccessClients?.FirstOrDefault(c => c.Name == name);

    public LabState WithAccessClient(LabAccessClient client) =>
        this with { AccessClients = [client, .. (AccessClients ?? []).Where(c => c.Name != client.Name)] };

    /// <summary>What was recorded of a second Causeway host, or null.</summary>
    public LabHostState? OtherHost(string node) => OtherHosts?.FirstOrDefault(h => h.Node == node);

    public LabState WithOtherHost(LabHostState host) =>
        this with { OtherHosts = [host, .. (OtherHosts ?? []).Where(h => h.Node != host.Node)] };

    public LabState WithNegativeControl(LabNegativeControl control) =>
        this with { NegativeControls = [.. NegativeControls ?? [], control] };
}
