namespace Causeway.Core.Config;

/// <summary>[service] as written.</summary>
internal sealed class ServiceTable
{
    public string? Listen { get; set; }
}
