namespace Causeway.Core.Config;

/// <summary>[overlay] as written.</summary>
internal sealed class OverlayTable
{
    public string? ZerotierNetwork { get; set; }

    public string? ZerotierHome { get; set; }

    public long? ZerotierPort { get; set; }

    public long? ZerotierWaitSeconds { get; set; }

    public string? Interface { get; set; }

    public List<string>? Subnets { get; set; }

    public List<string>? AllowLan { get; set; }

    public bool? MasqueradeLan { get; set; }
}
