using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Causeway.Core.Tests.Planning;

namespace Causeway.Core.Tests.Access;

/// <summary>Settings, paths and parsing helpers for the access tests.</summary>
internal static class AccessTestData
{
    public static readonly AccessPaths Paths = AccessPaths.For(UnoExample.Settings().Instance);

    public static readonly ImmutableArray<IPNetwork> Overlay = [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")];

    public static AccessServerConfigOptions Server(AccessTransport transport, string keys = "")
    {
        var access = DuoExample.Access(keys);
        return new AccessServerConfigOptions("causeway", access, access.Servers.Single(s => s.Transport == transport), Paths, Overlay);
    }

    /// <summary>The options as OpenVPN reads them ("name arg1 arg2"), through Causeway's OpenVPN-exact parser; inline blocks as "&lt;name&gt;".</summary>
    public static string[] Options(string config)
    {
        var parsed = ProfileParser.Parse(config, "/run/causeway/openvpn/test.conf");
        if (!parsed.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException(string.Join('\n', parsed.Diagnostics));
        }

        return [.. parsed.Directives.Select(d => d.IsInlineBlock ? $"<{d.Name}>" : string.Join(' ', d.Arguments.Prepend(d.Name)))];
    }
}
