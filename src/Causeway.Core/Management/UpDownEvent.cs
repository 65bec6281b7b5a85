using System.Collections.Immutable;

namespace Causeway.Core.Management;

/// <summary>
/// `>UPDOWN:UP` or `>UPDOWN:DOWN` (with `management-up-down`) and the `>UPDOWN:ENV,name=value` lines up to
/// `>UPDOWN:ENV,END`, assembled into one event. The environment is what an `--up` script would get: `dev`,
/// `ifconfig_local`, `route_vpn_gateway`, `foreign_option_N`, `dns_server_N_address_M`...
/// </summary>
public sealed record UpDownEvent(bool IsUp, ImmutableDictionary<string, string> Environment) : ManagementEvent
{
    /// <summary>The pushed options this environment carries.</summary>
    public PushedOptions PushedOptions => PushedOptions.FromEnvironment(Environment);
}
