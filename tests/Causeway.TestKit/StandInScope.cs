using System.Text;
using Causeway.Engine.ZeroTier;
using Causeway.Lab.ZeroTier;
using Causeway.Linux.Platform;
using Microsoft.Extensions.Time.Testing;

namespace Causeway.TestKit;

/// <summary>A stand-in on 127.0.0.1 (free port) with its own home directory and a fake clock, plus raw HTTP helpers.</summary>
public sealed class StandInScope : IAsyncDisposable
{
    private readonly TempDirectory _home;

    private StandInScope(TempDirectory home, ZeroTierStandIn standIn, FakeTimeProvider time)
    {
        _home = home;
        StandIn = standIn;
        Time = time;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = standIn.BaseAddress };
    }

    /// <summary>Starts at the captures' clock, so that times look like theirs.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1795594870000);

    public ZeroTierStandIn StandIn { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public string Home => _home.Path;

    /// <param name="listenAtStart">False: zerotier-one has not started yet (connections refused) until <see cref="ZeroTierStandIn.StartListeningAsync"/>.</param>
    public static async Task<StandInScope> StartAsync(
        ZeroTierStandInScenario scenario,
        FakeTimeProvider? time = null,
        ZeroTierStandInTimings? timings = null,
        bool listenAtStart = true)
    {
        var home = new TempDirectory();
        time ??= new FakeTimeProvider(Start);
        var standIn = await ZeroTierStandInHost.StartAsync(new ZeroTierStandInOptions
        {
            Port = 0,
            HomeDirectory = home.Path,
            Scenario = scenario,
            Timings = timings,
            TimeProvider = time,
            ListenAtStart = listenAtStart,
        });
        return new StandInScope(home, standIn, time);
    }

    /// <summary>The product's client, reading the token and the port from the home directory like with the real daemon.</summary>
    public ZeroTierLocalClient CreateClient() => new(new LinuxFileSystem(), Home);

    /// <summary>zerotier-one.port as a reader finds it now.</summary>
    public string PortFile => File.ReadAllText(System.IO.Path.Combine(Home, ZeroTierLocalClient.PortFileName));

    public Task<StandInReply> GetAsync(string path, string? token = "") => SendAsync(HttpMethod.Get, path, null, token);

    public Task<StandInReply> PostAsync(string path, string body, string? token = "") => SendAsync(HttpMethod.Post, path, body, token);

    public Task<StandInReply> DeleteAsync(string path, string? token = "") => SendAsync(HttpMethod.Delete, path, null, token);

    /// <param name="token">"" = the right token in X-ZT1-Auth; null = no token at all.</param>
    public async Task<StandInReply> SendAsync(HttpMethod method, string path, string? body, string? token = "", Action<HttpRequestMessage>? prepare = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-ZT1-Auth", token.Length == 0 ? StandIn.AuthToken : token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        prepare?.Invoke(request);
        using var response = await Http.SendAsync(request);
        return new StandInReply(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StandIn.DisposeAsync();
        _home.Dispose();
    }
}
