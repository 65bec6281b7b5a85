using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Causeway.Engine.Seams;

namespace Causeway.Engine.HostState;

/// <summary>
/// Deletes the connection-tracking entries of client flows. Done whenever the tunnel (re)connects: an entry
/// made while the tunnel was down (or through the previous tunnel address) would otherwise keep steering, or
/// keep masquerading, a flow the old way.
/// </summary>
public sealed partial class ConntrackFlusher(ICommandRunner runner)
{
    /// <summary>Deletes every entry whose original source is in one of the networks; returns how many went.</summary>
    public async Task<int> FlushAsync(IEnumerable<IPNetwork> sources, CancellationToken cancellationToken = default)
    {
        var total = 0;
        foreach (var network in sources)
        {
            var family = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";
            var spec = CommandSpec.Of("conntrack", "-D", "-f", family, "-s", network.ToString());
            var result = await runner.RunAsync(spec, cancellationToken);
            var deleted = DeletedCount(result.StandardError + result.StandardOutput);

            // conntrack exits 1 when there was nothing to delete ("0 flow entries have been deleted").
            if (!result.Succeeded && !(result.ExitCode == 1 && deleted == 0))
            {
                result.EnsureSuccess($"flushing conntrack entries from {network}", spec);
            }

            total += deleted ?? 0;
        }

        return total;
    }

    private static int? DeletedCount(string output)
    {
        var match = DeletedPattern().Match(output);
        return match.Success ? int.Parse(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"(\d+) flow entries have been deleted")]
    private static partial Regex DeletedPattern();
}
