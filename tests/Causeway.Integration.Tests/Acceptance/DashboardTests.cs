using System.Net;
using System.Text.Json;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Microsoft.Playwright;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// The dashboard, in Debian's chromium driven by Playwright, served by the AOT binary's TCP listener on the lab
/// gateway's loopback (`[service] listen = "127.0.0.1:…"`), reached through a forward into the gateway's namespace:
/// it renders the hops the status has, the provider's hop turns red within 5 s of the provider's server going
/// away, and green again once it is back. Screenshots of each moment go to artifacts/screenshots/.
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class DashboardTests(LabGatewayFixture gateway)
{
    /// <summary>Debian's chromium (build.sh test installs it); Playwright downloads no browser of its own.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private const int ListenPort = 9477;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>What the issue asks: the provider's hop red within 5 s of the provider going.</summary>
    private static readonly TimeSpan RedWithin = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_on_the_tcp_listener_turns_the_provider_hop_red_when_the_provider_goes_and_green_when_it_returns()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip($"needs Debian's chromium at {Chromium} (`apt-get install chromium`; build.sh test installs it)");
        }

        gateway.EnsureReady();
        await gateway.ResetAsync();
        var listen = $"127.0.0.1:{ListenPort}";
        var config = Path.Combine(gateway.GatewayDirectory, "causeway-dashboard.toml");
        await File.WriteAllTextAsync(config, await File.ReadAllTextAsync(gateway.ConfigPath, Ct) + $"\n[service]\nlisten = \"{listen}\"\n", Ct);
        var screenshots = Path.Combine(Path.GetDirectoryName(CausewayBinary.Path)!, "screenshots");
        Directory.CreateDirectory(screenshots);
        var world = gateway.World;
        try
        {
            var up = gateway.Track(UpProcess.StartInOwnGroup("ip", ["netns", "exec", gateway.Sbc, gateway.Binary, "up", "-c", config]));
            await gateway.WaitReadyAsync(up);
            await up.WaitForLogAsync($"serving the status and the metrics, read-only, on http://{listen}", Timeout);
            var hopIds = (await gateway.StatusReportAsync()).Hops!.Items.Select(h => h.Id).ToArray();

            await using var forward = new NetnsTcpForward(gateway.Sbc, new IPEndPoint(IPAddress.Loopback, ListenPort));
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium,
                Headless = true,
                // As root, chromium refuses to start with its sandbox.
                Args = ["--no-sandbox"],
            });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1100 } });
            var scriptErrors = new List<string>();
            page.PageError += (_, error) => scriptErrors.Add(error);
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    scriptErrors.Add(message.Text);
                }
            };

            // The page, its headers, and every hop of the status drawn, in order, all up.
            var response = await page.GotoAsync(forward.Url.ToString());
            Assert.NotNull(response);
            var headers = await response.AllHeadersAsync();
            Assert.Equal(200, response.Status);
            Assert.StartsWith("text/html", headers["content-type"], StringComparison.Ordinal);
            Assert.StartsWith("default-src 'self';", headers["content-security-policy"], StringComparison.Ordinal);
            Assert.Equal("nosniff", headers["x-content-type-options"]);
            foreach (var id in hopIds)
            {
                await page.WaitForSelectorAsync($"#topology [data-hop='{id}'][data-state='up']", new() { Timeout = (float)Timeout.TotalMilliseconds });
            }

            var drawn = await page.Locator("#topology [data-hop]").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.hop)");
            Assert.Equal(hopIds, drawn);
            Assert.Equal("up", await page.GetAttributeAsync("#topology [data-hop='tunnel']", "data-health"));
            Assert.Equal(1, await page.Locator($"#topology [data-client='{BackboneTopology.OverlayDevice}']").CountAsync());
            // Attached, not "visible": at a steady rate the line is flat, and Playwright takes a box of no height for hidden.
            await page.WaitForSelectorAsync("#throughput polyline[data-series='up']", new() { State = WaitForSelectorState.Attached, Timeout = (float)Timeout.TotalMilliseconds });
            Assert.True((await page.GetAttributeAsync("#throughput polyline[data-series='up']", "points"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2);

            // A page opened now draws the last minutes at once, from the daemon's own history (traffic.history): it
            // cannot have taken two readings of its own at its first drawing (the daemon reads every 5 s), so a line
            // with two points or more there is the history's. Read without waiting (a locator would wait for it).
            var fresh = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1100 } });
            await fresh.GotoAsync(forward.Url.ToString());
            await fresh.WaitForSelectorAsync($"#topology [data-hop='{hopIds[0]}']", new() { Timeout = (float)Timeout.TotalMilliseconds });
            var drawnAtOnce = await fresh.EvaluateAsync<int>(
                "() => { const line = document.querySelector(\"#throughput polyline[data-series='up']\"); return line ? line.getAttribute('points').trim().split(/\\s+/).length : 0; }");
            Assert.True(drawnAtOnce >= 2, $"a page just opened drew {drawnAtOnce} points of throughput: the daemon's history was not drawn");
            await fresh.CloseAsync();

            Assert.Equal("live", await page.GetAttributeAsync("#link", "data-link"));
            Assert.Equal(0, await page.Locator("form, input, button").CountAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "dashboard-1-up.png"), FullPage = true });

            // The provider's server goes (SIGTERM: with explicit-exit-notify it tells its clients, as a provider's
            // restart does, so the tunnel leaves connected at once rather than after ping-restart).
            var provider = world.State.Process(BackboneProcessNames.ProviderOpenVpn)
                ?? throw new InvalidOperationException("the lab recorded no provider server");
            var signalled = TimeProvider.System.GetTimestamp();
            await world.Processes.SignalAsync(provider.Pid, UnixSignals.Terminate, Ct);
            await page.WaitForSelectorAsync("#topology [data-hop='tunnel'][data-state='down']", new() { Timeout = (float)RedWithin.TotalMilliseconds });
            var red = TimeProvider.System.GetElapsedTime(signalled);
            TestContext.Current.TestOutputHelper?.WriteLine($"the provider's hop turned red {red.TotalSeconds:0.0} s after its server was stopped");
            Assert.Equal("down", await page.GetAttributeAsync("#topology [data-hop='tunnel']", "data-health"));
            Assert.Equal("down", await page.GetAttributeAsync("#summary", "data-state"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "dashboard-2-provider-down.png"), FullPage = true });
            Assert.True(red <= RedWithin, $"the provider's hop turned red {red.TotalSeconds:0.0} s after the provider's server was stopped");

            // It comes back: green again, every hop.
            await Waiting.UntilAsync(() => !world.Processes.IsAlive(provider.Pid, provider.StartTicks), Timeout, "the provider's server to exit", TimeProvider.System, Ct);
            await world.StartProviderAndWaitAsync(Ct);
            foreach (var id in hopIds)
            {
                await page.WaitForSelectorAsync($"#topology [data-hop='{id}'][data-state='up']", new() { Timeout = (float)LabGatewayFixture.ReadyTimeout.TotalMilliseconds });
            }

            Assert.Equal("up", await page.GetAttributeAsync("#topology [data-hop='tunnel']", "data-health"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "dashboard-3-provider-back.png"), FullPage = true });
            Assert.Empty(scriptErrors);
        }
        finally
        {
            // Whatever happened, the next test finds the provider serving and the gateway clean.
            if (!world.IsRunning(BackboneProcessNames.ProviderOpenVpn))
            {
                await world.StartProviderAndWaitAsync(CancellationToken.None);
            }

            await gateway.ResetAsync();
            File.Delete(config);
        }
    }

    [Fact]
    public async Task The_dashboards_files_are_served_with_their_types_and_a_strict_policy_and_the_status_is_never_cached()
    {
        await gateway.RunningAsync();
        var socket = Causeway.Core.Config.ConfigLoader.Load(File.ReadAllText(gateway.ConfigPath), gateway.ConfigPath).Settings!.Instance.StatusSocketPath;
        using var http = UnixSocketHttpClient.Create(socket, TimeSpan.FromSeconds(10));

        foreach (var (path, type) in new[] { ("", "text/html"), ("dashboard.js", "text/javascript"), ("dashboard.css", "text/css") })
        {
            using var response = await http.GetAsync(path, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"/{path}: {response.StatusCode}");
            Assert.StartsWith(type, response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            // Offline: nothing the page loads comes from anywhere but the daemon.
            Assert.DoesNotContain("http://", body.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", body, StringComparison.Ordinal);
        }

        using var status = await http.GetAsync("v1/status", Ct);
        Assert.Equal("no-store", status.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync(Ct));
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("hops").ValueKind);
    }
}
