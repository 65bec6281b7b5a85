using System.Text.Json;
using Causeway.Core.Config;
using Causeway.Core.Host;
using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Causeway.Engine.Metrics;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// The Service issue's status API and metrics on the AOT binary, on the lab gateway: `/metrics` on the status socket
/// passes `promtool check metrics`, the live status matches docs/status.schema.json with its traffic, handshake and
/// drop counters filled in, and `[service] listen` on the overlay address serves the same, read-only, to an overlay
/// member.
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class ReadOnlyApiTests(LabGatewayFixture gateway)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_on_the_status_socket_pass_promtool_and_the_live_status_matches_its_schema()
    {
        var promtool = Promtool.Path;
        await gateway.RunningAsync();
        var socket = ConfigLoader.Load(File.ReadAllText(gateway.ConfigPath), gateway.ConfigPath).Settings!.Instance.StatusSocketPath;

        // Two readings of the devices (rates), OpenVPN's first byte count, and the kill switch's rules counted.
        await Waiting.UntilAsync(
            async _ => (await gateway.StatusReportAsync()) is { Traffic.Devices: [{ Present: true, UpstreamBytesPerSecond: not null }, ..], Tunnel.BytesIn: > 0, KillSwitch.Drops.Length: > 0 },
            Timeout, "the traffic's rates and the tunnel's byte count in the status", TimeProvider.System, Ct);

        using var http = UnixSocketHttpClient.Create(socket, TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync(StatusMetrics.Path.TrimStart('/'), Ct);
        var metrics = await response.Content.ReadAsStringAsync(Ct);
        var check = await new ProcessCommandRunner().RunAsync(new CommandSpec(promtool, ["check", "metrics"], Timeout: Timeout).WithInput(metrics), Ct);

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {metrics}");
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0 && check.StandardOutput.Trim().Length == 0 && check.StandardError.Trim().Length == 0,
            $"promtool check metrics: exit {check.ExitCode}\n{check.StandardOutput}{check.StandardError}\n--- the metrics:\n{metrics}");
        Assert.Contains("\ncauseway_tunnel_up 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"causeway_device_transmit_bytes_total{{device=\"{BackboneTopology.GatewayTunnelDevice}\",role=\"egress\",hop=\"tunnel\"}}", metrics, StringComparison.Ordinal);
        Assert.Contains("causeway_killswitch_dropped_packets_total{rule=\"drop-client-other\",layer=\"forward\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("causeway_hop_up{hop=\"tunnel\"} 1", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("\nprocess_", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("\ndotnet_", metrics, StringComparison.Ordinal);

        var json = await http.GetStringAsync("v1/status", Ct);
        using var status = JsonDocument.Parse(json);
        Assert.Empty(StatusSchema.Problems(status.RootElement));
        var root = status.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("tunnel").GetProperty("lastHandshake").ValueKind);
        var egress = root.GetProperty("traffic").GetProperty("devices")[0];
        Assert.Equal((BackboneTopology.GatewayTunnelDevice, "egress", "tunnel"), (egress.GetProperty("device").GetString(), egress.GetProperty("role").GetString(), egress.GetProperty("hop").GetString()));
        Assert.Equal(BackboneTopology.GatewayTunnelDevice, root.GetProperty("egressUsage").GetProperty("device").GetString());

        // The socket: root's and the causeway group's when this host has that group, else every local user's.
        var mode = File.GetUnixFileMode(socket);
        var group = File.Exists(SystemGroups.Path) ? SystemGroups.IdOf(await File.ReadAllTextAsync(SystemGroups.Path, Ct), DaemonSockets.StatusGroup) : null;
        Assert.Equal(group is null ? DaemonSockets.StatusSocketMode : DaemonSockets.GroupStatusSocketMode, mode);
    }

    [Fact]
    public async Task The_tcp_listener_on_the_overlay_address_serves_the_same_read_only_api_to_an_overlay_member()
    {
        gateway.EnsureReady();
        await gateway.ResetAsync();
        var listen = $"{BackboneTopology.GatewayOverlayAddress}:9477";
        var config = Path.Combine(gateway.GatewayDirectory, "causeway-listen.toml");
        await File.WriteAllTextAsync(config, await File.ReadAllTextAsync(gateway.ConfigPath, Ct) + $"\n[service]\nlisten = \"{listen}\"\n", Ct);
        try
        {
            var up = gateway.Track(UpProcess.StartInOwnGroup("ip", ["netns", "exec", gateway.Sbc, gateway.Binary, "up", "-c", config]));
            await gateway.WaitReadyAsync(up);
            await up.WaitForLogAsync($"serving the status and the metrics, read-only, on http://{listen}", Timeout);

            var status = await CurlAsync("-sS", "-f", $"http://{listen}/v1/status");
            var metrics = await CurlAsync("-sS", "-f", $"http://{listen}/metrics");
            var post = await CurlAsync("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", $"http://{listen}/v1/status");
            var control = await CurlAsync("-sS", "-o", "/dev/null", "-w", "%{http_code}", $"http://{listen}{ControlApi.SessionsPath}");

            using var json = JsonDocument.Parse(status);
            Assert.Equal(up.Pid, json.RootElement.GetProperty("pid").GetInt32());
            Assert.Empty(StatusSchema.Problems(json.RootElement));
            Assert.Contains("\ncauseway_tunnel_up 1\n", metrics, StringComparison.Ordinal);
            Assert.Equal("405", post);
            Assert.Equal("404", control);
        }
        finally
        {
            await gateway.ResetAsync();
            File.Delete(config);
        }
    }

    /// <summary>curl from the laptop, an overlay member; its output, or a failed assertion with why.</summary>
    private async Task<string> CurlAsync(params string[] arguments)
    {
        var result = await gateway.World.Net.TryExecAsync(gateway.Laptop, "curl", ["--max-time", "10", .. arguments], Ct, Timeout);
        Assert.True(result.Succeeded, $"curl {string.Join(' ', arguments)} from the laptop: exit {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput;
    }
}
