using Causeway.Lab.Duo;
using Causeway.Lab.Machine;

namespace Causeway.Lab.Bench;

/// <summary>
/// More access clients for the footprint benchmark: `causeway client add bench-N` on the VM, and a stock OpenVPN
/// client per profile in the open network's phone (each its own tun device; they take no routes, so they leave the
/// phone's own traffic alone).
/// </summary>
internal sealed class BenchClients(DuoWorld w)
{
    private const string Node = DuoTopology.PhoneOpen;
    private readonly List<string> _processes = [];

    public static string ClientName(int n) => $"bench-{n}";

    /// <summary>Adds and starts <paramref name="count"/> clients; returns how many the VM lists as connected.</summary>
    public async Task<int> ConnectAsync(int count, TimeSpan timeout, CancellationToken ct)
    {
        var names = new List<string>();
        for (var n = 1; n <= count; n++)
        {
            var name = ClientName(n);
            var profile = w.DuoLayout.PhoneProfile(Node, name);
            if (!w.Files.Stat(profile).Exists)
            {
                await w.Phones.Access.AddAsync(name, profile, ct);
            }

            var process = $"{Node}-{name}-openvpn";
            if (!w.IsRunning(process))
            {
                w.StartDetached(process, Node, "openvpn", ["--config", profile, "--route-noexec", "--pull-filter", "ignore", "redirect-gateway"], w.DuoLayout.PhoneOpenVpnLog(Node, name));
            }

            _processes.Add(process);
            names.Add(name);
        }

        var connected = 0;
        await Waiting.UntilAsync(
            async token =>
            {
                var listed = await w.Phones.Access.ListAsync(token);
                connected = listed.Count(c => names.Contains(c.Name) && c.Sessions.Count > 0);
                return connected == count;
            },
            timeout,
            $"{count} benchmark clients to connect",
            w.Time,
            ct);
        w.Progress($"bench: {connected} benchmark clients connected from {Node}");
        return connected;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        foreach (var process in _processes)
        {
            await w.KillAsync(process, ct);
        }
    }
}
