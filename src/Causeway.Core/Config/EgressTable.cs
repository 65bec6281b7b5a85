namespace Causeway.Core.Config;

/// <summary>[egress] as written.</summary>
internal sealed class EgressTable
{
    public string? Profile { get; set; }

    public string? Auth { get; set; }

    public string? FallbackDns { get; set; }

    public string? Device { get; set; }

    public long? PingSeconds { get; set; }

    public long? PingRestartSeconds { get; set; }

    public bool? FastIo { get; set; }

    public long? SocketBufferBytes { get; set; }

    public long? Txqueuelen { get; set; }

    public string? OverlayGateway { get; set; }

    public string? InternetProbe { get; set; }

    public long? MonthlyBudgetGb { get; set; }

    public long? GatewayStatusPort { get; set; }
}
