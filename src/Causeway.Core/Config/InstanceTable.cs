namespace Causeway.Core.Config;

/// <summary>[instance] as written. Integers are 64-bit here so that out-of-range values reach the validator.</summary>
internal sealed class InstanceTable
{
    public string? Name { get; set; }

    public string? StateDir { get; set; }

    public string? RunDir { get; set; }

    public string? NftTable { get; set; }

    public long? RouteTable { get; set; }

    public long? RulePriority { get; set; }

    public long? ReconcileIntervalSeconds { get; set; }
}
