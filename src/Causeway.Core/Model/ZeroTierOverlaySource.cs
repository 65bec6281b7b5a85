namespace Causeway.Core.Model;

/// <summary>A ZeroTier network, resolved through zerotier-one's local API.</summary>
/// <param name="NetworkId">16 lowercase hex digits.</param>
/// <param name="HomeDirectory">Holds authtoken.secret and zerotier-one.port.</param>
/// <param name="Port">The API port; null = read zerotier-one.port, else 9993.</param>
/// <param name="ConfigurationWait">
/// How long to wait for what passes by itself: zerotier-one not listening yet or restarting, its port file empty
/// while rewritten, the network answering 404 until it is rejoined, or still REQUESTING_CONFIGURATION.
/// </param>
public sealed record ZeroTierOverlaySource(
    string NetworkId,
    string HomeDirectory,
    int? Port,
    TimeSpan ConfigurationWait) : OverlaySource
{
    public const string DefaultHomeDirectory = "/var/lib/zerotier-one";
    public const int DefaultPort = 9993;
    public static readonly TimeSpan DefaultConfigurationWait = TimeSpan.FromSeconds(30);
}
