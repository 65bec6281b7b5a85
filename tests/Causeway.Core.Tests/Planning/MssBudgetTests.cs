using System.Collections.Immutable;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using CsCheck;
using Xunit;

namespace Causeway.Core.Tests.Planning;

/// <summary>The MSS budget: the narrowest hop's MTU, less the headers, clamped on every path to the egress.</summary>
public sealed class MssBudgetTests
{
    [Fact]
    public void Uno_over_zerotier_is_bounded_by_the_provider_tunnel()
    {
        var budget = MssBudget.For(Planner.Inputs(UnoExample.Settings(), UnoExample.OverlayFacts with { Mtu = 2800 }, UnoExample.Connected));

        Assert.Equal(1460, budget.Mss);
        Assert.Equal(UnoExample.Tun, budget.Narrowest!.Device);
        Assert.Equal(["zt2nvuuqiv", "tuncw0"], budget.Hops.Select(h => h.Device));
    }

    [Fact]
    public void An_overlay_narrower_than_the_tunnel_sets_the_clamp()
    {
        var budget = MssBudget.For(Planner.Inputs(UnoExample.Settings(), UnoExample.OverlayFacts with { Mtu = 1350 }, UnoExample.Connected));

        Assert.Equal(1310, budget.Mss);
        Assert.Equal("overlay", budget.Narrowest!.Role);
    }

    [Fact]
    public void Duo_lists_the_access_servers_and_the_tcp_servers_own_lower_clamp()
    {
        var budget = MssBudget.For(Planner.Inputs(DuoExample.Settings(), UnoExample.OverlayFacts with { Mtu = 2800 }, UnoExample.Connected));

        var tcp = budget.Hops.Single(h => h.Device == DuoExample.Tcp);
        Assert.Equal(1360, tcp.InnerMss);
        Assert.Equal(1500, tcp.Mtu);
        Assert.Equal(1460, budget.Mss);
    }

    [Fact]
    public void Without_any_known_mtu_there_is_no_number_and_the_route_decides()
    {
        var inputs = Planner.Inputs(UnoExample.Settings(), UnoExample.OverlayFacts, UnoExample.Connected) with
        {
            Egress = new Egress(UnoExample.Tun, true),
        };

        Assert.Null(MssBudget.For(inputs).Mss);
        Assert.Contains("set rt mtu", Planner.Plan(inputs).Nft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_shows_each_hops_mtu_and_the_clamp()
    {
        var text = MssBudget.For(Planner.Inputs(DuoExample.Settings(), UnoExample.OverlayFacts with { Mtu = 1350 }, UnoExample.Connected)).Describe();

        Assert.StartsWith("MSS budget: TCP SYNs between clients and the egress are clamped to 1310 (the narrowest hop's MTU 1350 - 40)", text, StringComparison.Ordinal);
        Assert.Contains("zt2nvuuqiv      overlay: MTU 1350 (narrowest)", text, StringComparison.Ordinal);
        Assert.Contains("tuncw-tcp       access (OpenVPN over TCP): MTU 1500; its own flows at most 1360", text, StringComparison.Ordinal);
        Assert.Contains("tuncw0          egress: provider tunnel: MTU 1500", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_clamp_fits_every_known_hop_and_never_goes_below_ipv4s_minimum()
    {
        Gen.Frequency((1, Gen.Const((int?)null)), (4, Gen.Int[68, 65535].Select(mtu => (int?)mtu))).Array[1, 6].Sample(mtus =>
        {
            var budget = new MssBudget([.. mtus.Select((mtu, i) => new MtuHop($"d{i}", "hop", mtu))]);
            var known = mtus.OfType<int>().ToList();
            if (known.Count == 0)
            {
                return budget.Mss is null;
            }

            return budget.Mss >= MssBudget.MinimumMss
                && (budget.Mss == MssBudget.MinimumMss || known.All(mtu => budget.Mss + MssBudget.HeaderBytes <= mtu))
                && known.Contains(budget.Narrowest!.Mtu!.Value) && budget.Narrowest.Mtu == known.Min();
        });
    }

    [Fact]
    public void Dinosaurs_vm_lists_the_overlay_once_as_its_egress()
    {
        var settings = DuoExample.Settings() with
        {
            Egress = UnoExample.Settings().Egress with { ProfilePath = null, OverlayGateway = System.Net.IPAddress.Parse("10.222.0.5") },
        };

        var budget = MssBudget.For(Planner.Inputs(settings, UnoExample.OverlayFacts with { Mtu = 1350 }, new TunnelFacts(true, null, [])));

        Assert.Equal([DuoExample.Udp, DuoExample.Tcp, UnoExample.Overlay], budget.Hops.Select(h => h.Device));
        Assert.Equal("egress: overlay to the gateway 10.222.0.5", budget.Hops[^1].Role);
        Assert.Equal(ImmutableArray.Create(1500, 1500, 1350), [.. budget.Hops.Select(h => h.Mtu!.Value)]);
    }
}
