using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// A stand-in for zerotier-one's local API (and enough of its controller API), for the lab and the tests:
/// zerotier-one cannot run here, but Causeway's client must take the same code path as with the real daemon.
/// Kestrel through the slim builder, one terminal middleware, source-generated JSON: NativeAOT-safe.
/// </summary>
public static class ZeroTierStandInHost
{
    private const UnixFileMode PortFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then stops cleanly (no exception).</summary>
    public static async Task RunAsync(ZeroTierStandInOptions options, CancellationToken cancellationToken)
    {
        await using var standIn = await StartAsync(options, cancellationToken);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
    }

    /// <summary>
    /// Starts the stand-in and returns once it listens (with port 0: on a free port, see <see cref="ZeroTierStandIn.Port"/>),
    /// or, with <see cref="ZeroTierStandInOptions.ListenAtStart"/> false, before it listens (a host booting: connections
    /// are refused until <see cref="ZeroTierStandIn.StartListeningAsync"/>). Writes authtoken.secret (0600; an existing
    /// one is reused, like the daemon) and zerotier-one.port in the home directory.
    /// </summary>
    public static async Task<ZeroTierStandIn> StartAsync(ZeroTierStandInOptions options, CancellationToken cancellationToken = default)
    {
        var fileSystem = options.FileSystem ?? new LinuxFileSystem();
        var scenario = options.Scenario
            ?? (options.ScenarioPath is { } path ? ZeroTierStandInScenario.Parse(ReadScenario(fileSystem, path), path) : new ZeroTierStandInScenario());
        var timings = options.Timings ?? scenario.Timings ?? ZeroTierStandInTimings.Default;
        var world = new ZeroTierStandInWorld(scenario, timings, options.TimeProvider);
        var token = PrepareHome(fileSystem, options.HomeDirectory);
        var endpoints = new ZeroTierStandInEndpoints(world, token, options.HomeDirectory, options.Log);
        var portPath = Path.Combine(options.HomeDirectory, "zerotier-one.port");

        WebApplication? app = null;
        int port;
        if (options.ListenAtStart)
        {
            app = await ListenAsync(options, endpoints, options.Port, cancellationToken);
            port = BoundPort(app, options.Port);
        }
        else
        {
            port = options.Port != 0 ? options.Port : FreePort(options.ListenAddress);
        }

        endpoints.Port = port;
        fileSystem.WriteAllTextAtomic(portPath, port.ToString(CultureInfo.InvariantCulture), PortFileMode);
        return new ZeroTierStandIn(
            app,
            world,
            options.ListenAddress,
            port,
            token,
            options.HomeDirectory,
            ct => ListenAsync(options, endpoints, port, ct),
            contents => fileSystem.WriteInPlace(portPath, contents));
    }

    /// <summary>Kestrel on the address and port, the stand-in's endpoints as its only middleware; returns once it listens.</summary>
    private static async Task<WebApplication> ListenAsync(ZeroTierStandInOptions options, ZeroTierStandInEndpoints endpoints, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = options.HomeDirectory,
            EnvironmentName = Environments.Production,
        });

        // Nothing from appsettings or the environment (ASPNETCORE_URLS...) may change what this listens on,
        // and no file watchers: several stand-ins run side by side in tests.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.ListenAddress, port);
        });

        var app = builder.Build();
        app.Run(endpoints.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new IOException(
                $"starting the ZeroTier stand-in on {options.ListenAddress}:{port}: {e.Message} (is zerotier-one or another stand-in running there?)",
                e);
        }

        return app;
    }

    private static int FreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string ReadScenario(IFileSystem fileSystem, string path)
    {
        try
        {
            return fileSystem.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"reading the ZeroTier stand-in scenario {path}: {e.Message}", e);
        }
    }

    /// <summary>The daemon's token: 24 characters of [a-z0-9], root-only; kept across restarts.</summary>
    private static string PrepareHome(IFileSystem fileSystem, string home)
    {
        if (!fileSystem.Stat(home).Exists)
        {
            fileSystem.EnsureDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var tokenPath = Path.Combine(home, "authtoken.secret");
        if (fileSystem.Stat(tokenPath).Exists)
        {
            var existing = fileSystem.ReadAllText(tokenPath).Trim(' ', '\t', '\r', '\n', '\0');
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var token = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 24);
        fileSystem.WriteAllTextAtomic(tokenPath, token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }

    private static int BoundPort(WebApplication app, int requested)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        return first is not null && Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri.Port : requested;
    }
}
