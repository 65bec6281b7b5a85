namespace Causeway.Lab.Uno;

/// <summary>Names of the processes an Uno world runs, as recorded in its state file.</summary>
public static class UnoProcessNames
{
    public const string InternetEcho = "internet-echo";
    public const string InternetDns = "internet-dns";
    public const string ProviderOpenVpn = "provider-openvpn";
    public const string ProviderDns = "provider-dns";
    public const string ZeroTierStandIn = "zerotier-standin";
    public const string Gateway = "gateway";
}
