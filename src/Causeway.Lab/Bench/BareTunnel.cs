using System.Collections.Concurrent;
using System.Text.Json;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Uno;

namespace Causeway.Lab.Bench;

/// <summary>
/// The benchmark's baseline, "what a user gets by hand": a second OpenVPN server on the provider (port 1195,
/// 10.9.0.0/24) from the very same config function and PKI as the provider's own, and a plain OpenVPN client on the
/// gateway with the provider's profile and OpenVPN's defaults (only its scripts, routes and device taken out). The
/// gateway's traffic to the internet's server is routed into it while it is up; the laptop's traffic still takes
/// Causeway's tunnel (it is routed by Causeway's own table), so both paths can be measured in turns.
/// </summary>
internal sealed class BareTunnel : IAsyncDisposable
{
    public const string Device = "tunbench";
    public const string Network = "10.9.0.0";
    private const string ServerDevice = "tunprov2";
    private const int Port = 1195;
    private const string NatTable = "cwbenchnat";
    private const string LeakChain = "uplink";
    private const string TransportComment = Leaks.LeakCounterRuleset.BenchTransport;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly UnoWorld _w;
    private readonly ConcurrentQueue<string> _clientOutput = new();
    private IRunningProcess? _server;
    private IRunningProcess? _client;
    private bool _routed;

    private BareTunnel(UnoWorld w)
    {
        _w = w;
        ServerConfigPath = Path.Combine(w.Layout.ProviderDirectory, "bench-server.conf");
        ClientConfigPath = Path.Combine(w.Layout.GatewayDirectory, "bench-client.conf");
    }

    public string ServerConfigPath { get; }

    public string ClientConfigPath { get; }

    public int ClientPid => _client?.Id ?? 0;

    public int ServerPid => _server?.Id ?? 0;

    /// <summary>Everything the client printed (verb 3): its cipher, socket buffers and what the server pushed.</summary>
    public IReadOnlyList<string> ClientOutput => [.. _clientOutput];

    /// <summary>Starts both ends and routes the gateway's traffic to the internet's echo address into the tunnel.</summary>
    /// <exception cref="TimeoutException">The tunnel did not come up (it is taken down again).</exception>
    public static async Task<BareTunnel> StartAsync(UnoWorld w, CancellationToken ct)
    {
        var tunnel = new BareTunnel(w);
        try
        {
            await tunnel.StartAsync(ct);
            return tunnel;
        }
        catch
        {
            await tunnel.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(CancellationToken ct)
    {
        var prov = _w.Ns(BackboneTopology.Provider);
        var sbc = _w.Ns(UnoTopology.Gateway);
        var verify = $"{_w.Binary} verify-auth {_w.Layout.ProviderExpectedAuth}";
        _w.Files.WriteAllTextAtomic(ServerConfigPath, ProviderServerConfig.Build(_w.Layout.ProviderDirectory, verify, new ProviderServerInstance(Port, ServerDevice, Network)), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _w.Files.WriteAllTextAtomic(ClientConfigPath, ClientConfig(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await _w.Net.NftAsync("adding NAT for the benchmark's second server", prov, $$"""
            table ip {{NatTable}} {
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip saddr {{Network}}/24 oifname "{{BackboneTopology.ProviderUplink}}" masquerade
                }
            }
            """, ct);
        await AllowTransportAsync(ct);

        var serverUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clientUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Each in its own session (setsid), as Causeway's OpenVPN (under `causeway up`) and the provider's server are: with
        // the kernel's autogroup scheduling, CPU is shared between sessions before processes, so on a small machine a
        // client in this process's session, beside the iperf3 it serves, got up to a fifth more of it than Causeway's.
        _server = _w.Environment.Launcher.Start(new ProcessSpec("ip", ["netns", "exec", prov, "setsid", "openvpn", "--config", ServerConfigPath], DieWithParent: true, OnOutputLine: line => Ready(line, serverUp)));
        _client = _w.Environment.Launcher.Start(new ProcessSpec("ip", ["netns", "exec", sbc, "setsid", "openvpn", "--config", ClientConfigPath], DieWithParent: true, OnOutputLine: line =>
        {
            _clientOutput.Enqueue(line);
            Ready(line, clientUp);
        }));
        await Task.WhenAll(serverUp.Task, clientUp.Task).WaitAsync(StartTimeout, _w.Time, ct);
        await _w.Net.IpAsync("routing the gateway's benchmark traffic into the bare tunnel", sbc, "route", "add", EchoRoute, "dev", Device);
        _routed = true;

        static void Ready(string line, TaskCompletionSource ready)
        {
            if (line.Contains("Initialization Sequence Completed", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }
    }

    private static string EchoRoute => $"{BackboneTopology.EchoAddress}/32";

    /// <summary>
    /// The leak counter on the far end of the gateway's uplink accepts Causeway's OpenVPN transport (port 1194) after
    /// three rules; the bare tunnel's (port 1195) would walk the whole chain down to the catch-all counter. Accepting
    /// it right after Causeway's gives both paths the same few rules, and keeps the world's leak counter clean.
    /// </summary>
    private async Task AllowTransportAsync(CancellationToken ct)
    {
        var inet = _w.Ns(BackboneTopology.Internet);
        var after = RuleHandle(await ListLeakChainAsync(ct), "transport")
            ?? throw new InvalidOperationException($"no rule \"transport\" in table netdev {BackboneTopology.LeakTable} of {inet}");
        await _w.Net.ExecAsync(
            "accepting the bare tunnel's transport in the leak counter",
            inet,
            "nft",
            ["add", "rule", "netdev", BackboneTopology.LeakTable, LeakChain, "position", after.ToString(),
             "ip", "saddr", BackboneTopology.GatewayAddress.ToString(), "ip", "daddr", BackboneTopology.ProviderAddress.ToString(),
             "udp", "dport", Port.ToString(), "counter", "accept", "comment", $"\"{TransportComment}\""],
            ct);
    }

    private async Task<string> ListLeakChainAsync(CancellationToken ct) =>
        (await _w.Net.ExecAsync("reading the leak counter's chain", _w.Ns(BackboneTopology.Internet), "nft", ["-a", "-j", "list", "chain", "netdev", BackboneTopology.LeakTable, LeakChain], ct)).StandardOutput;

    /// <summary>The handle of the rule with this comment in `nft -a -j list chain` output.</summary>
    public static long? RuleHandle(string json, string comment)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("rule", out var rule)
                && rule.TryGetProperty("comment", out var c) && c.GetString() == comment
                && rule.TryGetProperty("handle", out var handle))
            {
                return handle.GetInt64();
            }
        }

        return null;
    }

    /// <summary>The provider's profile with its scripts, redirect-gateway and device taken out, everything else OpenVPN's default.</summary>
    private string ClientConfig()
    {
        string[] dropped = ["up", "down", "script-security", "redirect-gateway", "dev", "auth-user-pass", "remote"];
        var kept = _w.Files.ReadAllText(_w.Layout.GatewayProfile).Split('\n')
            .Where(line => !dropped.Contains(line.Split(' ', 2)[0].Trim()));
        return string.Join('\n', kept) + $"""

            remote {BackboneTopology.ProviderAddress} {Port}
            dev {Device}
            dev-type tun
            auth-user-pass {_w.Layout.GatewayAuth}
            route-noexec

            """;
    }

    public async ValueTask DisposeAsync()
    {
        var none = CancellationToken.None;
        if (_routed)
        {
            await _w.Net.TryRunAsync("ip", ["-n", _w.Ns(UnoTopology.Gateway), "route", "del", EchoRoute, "dev", Device], none);
        }

        var processes = new[] { _client, _server }.OfType<IRunningProcess>().ToList();
        foreach (var process in processes)
        {
            process.Signal(UnixSignals.Terminate);
        }

        await Task.WhenAll(processes.Select(p => p.Exited)).WaitAsync(TimeSpan.FromSeconds(10), _w.Time, none).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var process in processes)
        {
            process.Signal(UnixSignals.Kill);
            process.Dispose();
        }

        await _w.Net.TryExecAsync(_w.Ns(BackboneTopology.Provider), "nft", ["delete", "table", "ip", NatTable], none);
        try
        {
            if (RuleHandle(await ListLeakChainAsync(none), TransportComment) is { } handle)
            {
                await _w.Net.TryExecAsync(_w.Ns(BackboneTopology.Internet), "nft", ["delete", "rule", "netdev", BackboneTopology.LeakTable, LeakChain, "handle", handle.ToString()], none);
            }
        }
        catch (Exception e) when (e is CommandFailedException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            _w.Progress($"bench: could not remove the bare tunnel's rule from the leak counter: {e.Message}");
        }
    }
}
