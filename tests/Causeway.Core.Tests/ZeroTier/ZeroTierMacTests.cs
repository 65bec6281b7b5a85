using Causeway.Core.ZeroTier;
using CsCheck;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

/// <summary>The tap MAC from a node address and a network id, and back, held to what real zerotier-one 1.14.1 gave.</summary>
public sealed class ZeroTierMacTests
{
    [Theory]
    [InlineData("member_GET_network_nwid.json", "fa8d1d33a9")] // the gateway member (member_GET_status.json)
    [InlineData("member_GET_network_nwid_allowDefault.json", "e3e71b4b86")] // the dev member (controller_GET_member_dev.json)
    public void A_captured_tap_mac_names_its_member_and_is_derived_from_it(string capture, string node)
    {
        var network = ZeroTierCaptures.Load(capture, ZeroTierJsonContext.Default.ZeroTierNetwork);

        Assert.True(ZeroTierMac.TryParse(network.Mac, out var mac));
        Assert.Equal(node, ZeroTierMac.NodeAddressOf(mac, network.Id));
        Assert.Equal(network.Mac, ZeroTierMac.Format(ZeroTierMac.Derive(node, network.Id)));
    }

    [Fact]
    public void The_member_read_back_is_the_member_derived_for_every_address_and_network()
    {
        Gen.Select(Gen.ULong[0, 0xFF_FFFF_FFFF], Gen.ULong).Sample((address, nwid) =>
        {
            var node = address.ToString("x10", System.Globalization.CultureInfo.InvariantCulture);
            var network = nwid.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

            Assert.Equal(node, ZeroTierMac.NodeAddressOf(ZeroTierMac.Derive(node, network), network));
        });
    }

    [Fact]
    public void A_mac_that_zerotier_would_not_give_on_that_network_names_no_member()
    {
        Assert.True(ZeroTierMac.TryParse("52:54:00:12:34:56", out var kvm)); // a KVM guest's
        Assert.True(ZeroTierMac.TryParse("2e:47:85:26:cf:eb", out var otherNetwork)); // 2f5042fc3b08bd2e's gateway

        Assert.Null(ZeroTierMac.NodeAddressOf(kvm, "2f5042fc3b08bd2e"));
        Assert.Null(ZeroTierMac.NodeAddressOf(otherNetwork, "8bd5124fd6f4d0a1"));
    }

    [Fact]
    public void A_network_whose_first_octet_would_be_kvms_gets_0x32_instead()
    {
        var mac = ZeroTierMac.Derive("0000000001", "0000000000000052");

        Assert.Equal(0x32UL, mac >> 40);
        Assert.Equal("0000000001", ZeroTierMac.NodeAddressOf(mac, "0000000000000052"));
    }

    [Theory]
    [InlineData("2E:5E:EF:20:B7:C4", true)]
    [InlineData("2e:5e:ef:20:b7", false)]
    [InlineData("2e:5e:ef:20:b7:c4:00", false)]
    [InlineData("2e-5e-ef-20-b7-c4", false)]
    [InlineData("2e:5e:ef:20:b7:zz", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Parses_six_hex_octets_only(string? text, bool parses)
    {
        Assert.Equal(parses, ZeroTierMac.TryParse(text, out var mac));
        Assert.Equal(parses ? 0x2E5EEF20B7C4UL : 0UL, mac);
    }
}
