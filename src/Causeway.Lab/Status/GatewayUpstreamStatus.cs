namespace Causeway.Lab.Status;

/// <summary>`gateway` of a status with `[egress] gateway_status_port`: the overlay gateway's own hops as the VM read them.</summary>
public sealed record GatewayUpstreamStatus(string? Source, string? Error, string? Instance, GatewayHops? Hops)
{
    public string Describe() => Hops is { } hops
        ? $"the gateway {Instance ?? "?"} ({Source}) says {hops.Describe()}"
        : $"the gateway's status ({Source}) unread: {Error ?? "not yet"}";
}
