namespace Causeway.Engine.ZeroTier;

/// <summary>Where the local API listens and the token it wants, as read from zerotier-one's home directory.</summary>
internal sealed record ZeroTierApiCredentials(int Port, string Token)
{
    public string Endpoint => $"{ZeroTierLocalClient.Host}:{Port}";
}
