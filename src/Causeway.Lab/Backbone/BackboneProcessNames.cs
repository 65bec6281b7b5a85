namespace Causeway.Lab.Backbone;

/// <summary>Names of the backbone's processes (every world runs them), as recorded in the state file.</summary>
public static class BackboneProcessNames
{
    public const string InternetEcho = "internet-echo";
    public const string InternetDns = "internet-dns";
    public const string ProviderOpenVpn = "provider-openvpn";
    public const string ProviderDns = "provider-dns";
    public const string ZeroTierStandIn = "zerotier-standin";
    public const string Gateway = "gateway";
}
