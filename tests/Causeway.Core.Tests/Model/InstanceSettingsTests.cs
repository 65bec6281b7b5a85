using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Model;

public sealed class InstanceSettingsTests
{
    [Fact]
    public void Management_socket_lives_in_its_own_directory_under_the_run_directory()
    {
        var instance = new InstanceSettings("lab", "/var/lib/cw-lab", "/run/cw-lab", "cw_lab", 100, 100, TimeSpan.FromSeconds(2));

        Assert.Equal("/run/cw-lab/openvpn/management.sock", instance.ManagementSocketPath);
        Assert.Equal("/run/cw-lab/causeway.sock", instance.StatusSocketPath);
    }
}
