using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Core.Profiles;
using Causeway.Lab.Backbone;
using Causeway.Lab.Dinosaur;
using Causeway.Lab.Duo;
using Causeway.Lab.Pki;
using Causeway.Lab.ZeroTier;
using Xunit;

namespace Causeway.Lab.Tests;

/// <summary>
/// The files the lab generates for its gateway go through Causeway's own loader and sanitizer: the config loads
/// with the lab's non-default names, and the provider profile loses exactly what a real provider's would.
/// </summary>
public sealed class LabFilesAgainstCausewayTests
{
    [Fact]
    public void Gateway_config_loads_with_its_non_default_names()
    {
        var result = ConfigLoader.Load(GatewayConfigFile.Build("cw-uno", "/run/causeway-lab/cw-uno/sbc"), "/run/causeway-lab/cw-uno/sbc/causeway.toml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var settings = result.Settings!;
        Assert.Equal(BackboneTopology.GatewayNftTable, settings.Instance.NftTable);
        Assert.Equal(BackboneTopology.GatewayRouteTable, settings.Instance.RouteTable);
        Assert.Equal(BackboneTopology.GatewayRulePriority, settings.Instance.RulePriority);
        Assert.Equal("/run/causeway-lab/cw-uno/sbc/state", settings.Instance.StateDirectory);
        Assert.Equal("/run/causeway-lab/cw-uno/sbc/run", settings.Instance.RunDirectory);
        Assert.Equal(BackboneTopology.GatewayTunnelDevice, settings.Egress.DeviceName);
        Assert.Equal("/run/causeway-lab/cw-uno/sbc/provider.ovpn", settings.Egress.ProfilePath);
        var overlay = Assert.IsType<ZeroTierOverlaySource>(settings.Overlay.Source);
        Assert.Equal(BackboneTopology.ZeroTierNetworkId, overlay.NetworkId);
        Assert.Equal("/run/causeway-lab/cw-uno/sbc/zerotier-one", overlay.HomeDirectory);
    }

    [Fact]
    public void Dinosaur_vm_config_loads_with_the_sbc_as_overlay_gateway_and_access_on_its_own_address()
    {
        var result = ConfigLoader.Load(DinosaurConfigFile.Vm("cw-dinosaur-vm", "/run/causeway-lab/cw-dinosaur/vm"), "/run/causeway-lab/cw-dinosaur/vm/causeway.toml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var settings = result.Settings!;
        Assert.Equal(DinosaurTopology.SbcOverlayAddress, settings.Egress.OverlayGateway);
        Assert.Equal(BackboneTopology.EchoAddress, settings.Egress.InternetProbe);
        Assert.Equal(DinosaurTopology.VmPublicAddress.ToString(), settings.Access!.PublicAddress);
        Assert.Equal(BackboneTopology.GatewayNftTable, settings.Instance.NftTable);
    }

    [Fact]
    public void Dinosaur_sbc_config_is_unos_with_its_status_listener_on_the_overlay_where_the_vm_reads_it()
    {
        Assert.StartsWith(GatewayConfigFile.Build("cw-dinosaur", "/d/sbc"), DinosaurConfigFile.Sbc("cw-dinosaur", "/d/sbc"), StringComparison.Ordinal);
        var result = ConfigLoader.Load(DinosaurConfigFile.Sbc("cw-dinosaur", "/d/sbc"), "/d/sbc/causeway.toml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Null(result.Settings!.Egress.OverlayGateway);
        Assert.Equal(BackboneTopology.EchoAddress, result.Settings.Egress.InternetProbe);
        Assert.Equal($"{DinosaurTopology.SbcOverlayAddress}:{DinosaurTopology.SbcStatusPort}", result.Settings.Service.Listen?.ToString());

        var vm = ConfigLoader.Load(DinosaurConfigFile.Vm("cw-dinosaur-vm", "/d/vm"), "/d/vm/causeway.toml").Settings!;
        Assert.Equal(DinosaurTopology.SbcStatusPort, vm.Egress.GatewayStatusPort);
    }

    [Fact]
    public void Dinosaur_scenario_reports_the_overlay_mtu_and_the_other_members_as_direct_peers()
    {
        var underlay = new Dictionary<string, string> { ["fa8d1d33a9"] = "192.0.2.2/9993", ["d1705a0e42"] = "203.0.113.98/9993", ["e3e71b4b86"] = "203.0.113.114/9993" };
        var scenario = ZeroTierStandInScenario.Parse(
            ZeroTierStandInScenario.LabDinosaur("d1705a0e42", "d1705a0e42", ["10.222.0.2", "fdcc:ca5e::2"], DuoTopology.AccessPool, 1350, underlay).ToJson(), "dinosaur.json");

        var network = Assert.Single(scenario.Networks);
        Assert.Equal(1350, network.Mtu);
        Assert.Equal("d1705a0e42", scenario.Node.Address);
        Assert.Contains(new Core.ZeroTier.ZeroTierControllerRoute("0.0.0.0/0", "10.222.0.1"), network.Routes);
        Assert.Contains(new Core.ZeroTier.ZeroTierControllerRoute(DuoTopology.AccessPool, "10.222.0.2"), network.Routes);
        Assert.Equal(["fa8d1d33a9", "e3e71b4b86", "d1705a0e42"], network.Members.Select(m => m.Address));
        var leaves = scenario.Peers!.Value.Where(p => p.Role == "LEAF").ToList();
        Assert.Equal(["e3e71b4b86 203.0.113.114/9993", "fa8d1d33a9 192.0.2.2/9993"], leaves.Select(p => $"{p.Address} {Assert.Single(p.Paths)}"));
    }

    [Fact]
    public void Provider_profile_is_accepted_and_stripped_of_scripts_routes_and_device()
    {
        var pki = LabPki.Create(DateTimeOffset.UtcNow, BackboneTopology.ProviderAddress.ToString());
        var text = ProviderProfile.Build(pki.CaCertificatePem, pki.Client.CertificatePem, pki.Client.PrivateKeyPem, pki.TlsCryptKey);

        var result = ProfileSanitizer.Sanitize(ProfileParser.Parse(text, "/lab/provider.ovpn"), _ => null);

        Assert.True(result.Profile is not null, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var kept = result.Profile.Directives.Select(d => d.Name).ToList();
        foreach (var stripped in new[] { "up", "down", "script-security", "redirect-gateway", "dev" })
        {
            Assert.DoesNotContain(stripped, kept);
        }

        Assert.True(result.Profile.RequiresCredentials);
        Assert.True(result.Profile.HasClientCertificate);
        Assert.True(result.Profile.HasBlock("tls-crypt"));
        Assert.Equal(TlsCryptKey.KeyLength, TlsCryptKey.Parse(pki.TlsCryptKey).KeyMaterial.Length);
    }

    [Fact]
    public void Vm_config_loads_with_access_its_public_address_and_non_default_devices()
    {
        var result = ConfigLoader.Load(VmConfigFile.Build("cw-duo", "/run/causeway-lab/cw-duo/vm"), "/run/causeway-lab/cw-duo/vm/causeway.toml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var access = result.Settings!.Access!;
        Assert.Equal(DuoTopology.PublicAddress.ToString(), access.PublicAddress);
        Assert.Equal((DuoTopology.AccessUdpPort, DuoTopology.AccessUdpDevice), (access.Udp!.Port, access.Udp.DeviceName));
        Assert.Equal((DuoTopology.AccessTcpPort, DuoTopology.AccessTcpDevice), (access.Tcp!.Port, access.Tcp.DeviceName));
        Assert.Equal(DuoTopology.AccessUdpServerAddress, access.Udp.ServerAddress);
        Assert.Equal(DuoTopology.AccessTcpServerAddress, access.Tcp.ServerAddress);
        Assert.Equal(BackboneTopology.GatewayNftTable, result.Settings.Instance.NftTable);
    }

    [Fact]
    public void Duo_scenario_lists_the_managed_route_of_the_access_pool_via_the_vm_and_no_default_route()
    {
        var scenario = ZeroTierStandInScenario.Parse(ZeroTierStandInScenario.LabDuoVm(DuoTopology.AccessPool).ToJson(), "duo.json");

        var routes = scenario.Networks.Single().Routes;
        Assert.Contains(new Core.ZeroTier.ZeroTierControllerRoute(DuoTopology.AccessPool, BackboneTopology.GatewayOverlayAddress.ToString()), routes);
        Assert.DoesNotContain(routes, r => r.Target == "0.0.0.0/0");
    }
}
