using System.Net;
using Causeway.Core.Hops;
using Xunit;

namespace Causeway.Core.Tests.Hops;

/// <summary>The hops of each kind of egress, as status names them and as its summary reads (the examples).</summary>
public sealed class EgressHopsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 3, 0, TimeSpan.Zero);
    private static readonly IPAddress Gateway = IPAddress.Parse("10.147.17.5");
    private static readonly IPAddress Target = IPAddress.Parse("9.9.9.9");

    [Fact]
    public void A_provider_egress_is_the_tunnel_then_the_internet_through_the_provider()
    {
        var tunnel = EgressHops.Tunnel("tuncw0", Up());
        var chain = EgressHops.Chain(tunnel, EgressHops.Internet(tunnel, Target, Down(Noon.AddSeconds(12))));

        Assert.Equal(["tunnel", "internet"], chain.Hops.Select(h => h.Id));
        Assert.Equal("this host → provider over OpenVPN (tuncw0)", tunnel.Name);
        Assert.StartsWith(
            "provider reachable; internet through the provider: down since 12:03:12 (the provider answers but carries nothing out: OpenVPN's lines in `journalctl -u causeway`",
            chain.Summary(TimeZoneInfo.Utc),
            StringComparison.Ordinal);
        Assert.Contains("9.9.9.9", chain.Hops[1].LookNext, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_tunnel_down_is_named_with_openvpns_log_to_look_at()
    {
        var tunnel = EgressHops.Tunnel("tuncw0", Down(Noon.AddSeconds(10)));
        var chain = EgressHops.Chain(tunnel, EgressHops.Internet(tunnel, Target, HopHealth.Start(Noon)));

        Assert.Equal("tunnel", chain.FirstFailed?.Id);
        Assert.StartsWith(
            "this host → provider over OpenVPN (tuncw0): down since 12:03:10 (OpenVPN's last lines in `journalctl -u causeway`",
            chain.Summary(TimeZoneInfo.Utc),
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlay_gateway_egress_is_the_gateway_over_zerotier_then_the_internet_through_it()
    {
        var gateway = EgressHops.Gateway(Gateway, zeroTier: true, "zt2nvuuqiv", Down(Noon.AddSeconds(10)), PeerPath.Relayed);
        var chain = EgressHops.Chain(gateway, EgressHops.Internet(gateway, Target, HopHealth.Start(Noon)));

        Assert.Equal(["gateway", "internet"], chain.Hops.Select(h => h.Id));
        Assert.Equal(PeerPath.Relayed, gateway.Path);
        Assert.Equal(
            "this host → gateway 10.147.17.5 over ZeroTier (zt2nvuuqiv): down since 12:03:10 (is `causeway up` running on the gateway 10.147.17.5, does `zerotier-cli peers` here list its node (DIRECT or RELAY), and is the network OK in `zerotier-cli listnetworks` on both hosts?)",
            chain.Summary(TimeZoneInfo.Utc));
    }

    [Fact]
    public void Past_a_reachable_gateway_the_internet_down_points_at_the_gateways_own_status()
    {
        var gateway = EgressHops.Gateway(Gateway, zeroTier: true, "zt2nvuuqiv", Up(), PeerPath.Direct);
        var chain = EgressHops.Chain(gateway, EgressHops.Internet(gateway, Target, Down(Noon.AddSeconds(12))));

        Assert.Equal("internet", chain.FirstFailed?.Id);
        Assert.StartsWith(
            "gateway 10.147.17.5 reachable; internet through the gateway: down since 12:03:12 (`causeway status` on the gateway 10.147.17.5: its own hops (its provider tunnel)",
            chain.Summary(TimeZoneInfo.Utc),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_on_another_overlay_says_so_and_names_no_zerotier_tool()
    {
        var gateway = EgressHops.Gateway(Gateway, zeroTier: false, "wg0", Down(Noon), PeerPath.None);

        Assert.Equal("this host → gateway 10.147.17.5 over the overlay (wg0)", gateway.Name);
        Assert.DoesNotContain("zerotier", gateway.LookNext, StringComparison.Ordinal);
        Assert.Equal("this host → gateway 10.147.17.5 over ZeroTier", EgressHops.Gateway(Gateway, zeroTier: true, null, Down(Noon), PeerPath.None).Name);
    }

    [Fact]
    public void Without_an_internet_probe_the_chain_is_the_first_hop_alone()
    {
        Assert.Equal(["tunnel"], EgressHops.Chain(EgressHops.Tunnel("tuncw0", Up()), null).Hops.Select(h => h.Id));
    }

    private static HopHealth Up() => new(HopState.Up, Noon, 0, null, TimeSpan.FromMilliseconds(30));

    private static HopHealth Down(DateTimeOffset since) => new(HopState.Down, since, 3, since, null);
}
