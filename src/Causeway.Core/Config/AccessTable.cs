namespace Causeway.Core.Config;

/// <summary>[access] as written.</summary>
internal sealed class AccessTable
{
    public string? PublicAddress { get; set; }

    public long? UdpPort { get; set; }

    public long? TcpPort { get; set; }

    public string? Pool { get; set; }

    public bool? AllowInternet { get; set; }

    public bool? AllowOverlay { get; set; }

    public bool? MasqueradeOverlay { get; set; }

    public bool? ClientToClient { get; set; }

    public List<string>? Dns { get; set; }

    public bool? BlockIpv6 { get; set; }

    public string? UdpDevice { get; set; }

    public string? TcpDevice { get; set; }
}
