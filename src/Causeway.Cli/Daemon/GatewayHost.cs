using Causeway.Core.Planning;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.ZeroTier;
using Causeway.Linux.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Causeway.Cli.Daemon;

/// <summary>
/// Builds and runs the `causeway up` host: the gateway daemon as a hosted service, the status API on the run
/// directory's unix socket, console logging (journald-friendly under systemd), SIGTERM/Ctrl-C handling.
/// </summary>
public static class GatewayHost
{
    public static async Task<int> RunAsync(GatewayInputs inputs, CliServices services)
    {
        var settings = inputs.Settings;
        var instance = settings.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSystemd();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));

        var status = new StatusBoard(InitialStatus(inputs, services.Time.GetUtcNow()));
        builder.Services.AddSingleton(status);
        builder.Services.AddSingleton(inputs);
        builder.Services.AddSingleton(provider => BuildParts(inputs, services, provider.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<GatewayDaemon>();
        builder.Services.AddHostedService<GatewayService>();

        StatusEndpoint.Listen(builder, instance.StatusSocketPath);
        await using var app = builder.Build();
        StatusEndpoint.Map(app, status);
        app.Lifetime.ApplicationStarted.Register(() => StatusEndpoint.OpenToLocalUsers(instance.StatusSocketPath));

        Environment.ExitCode = ExitCodes.Ok;
        await app.RunAsync();
        return Environment.ExitCode;
    }

    private static GatewayParts BuildParts(GatewayInputs inputs, CliServices services, ILoggerFactory logging)
    {
        var instance = inputs.Settings.Instance;
        var launch = new OpenVpnLaunch("openvpn", instance.OpenVpnConfigPath, instance.ManagementSocketPath, instance.OpenVpnPidPath)
        {
            ProbeInterval = TimeSpan.FromSeconds(inputs.Settings.Egress.Tuning.PingSeconds),
        };
        var supervisor = new OpenVpnSupervisor(
            launch, services.Processes, services.Sockets, services.Files, new IcmpTunnelProbe(), services.Time,
            logging.CreateLogger<OpenVpnSupervisor>());
        var state = StateStore.For(services.Files, instance);
        return new GatewayParts(
            new OverlayResolver(services.Files, services.Commands, services.Time),
            supervisor,
            new HostObserver(services.Commands, services.Files),
            new HostApplier(services.Commands, services.Files, state),
            state,
            new ConntrackFlusher(services.Commands),
            services.Files,
            services.Time);
    }

    private static StatusReport InitialStatus(GatewayInputs inputs, DateTimeOffset now) => new(
        inputs.Settings.Instance.Name,
        Environment.ProcessId,
        typeof(GatewayHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        now,
        new TunnelStatusReport("Stopped", false, now, null, null, null, null, [], 0, 0, 0, 0, null),
        null,
        new ReconcileStatusReport(false, null, 0, 0, 0, null, []),
        new KillSwitchReport(false, false, 0));

    /// <summary>The names this instance owns, for messages.</summary>
    public static OwnedNames Owned(GatewayInputs inputs) => OwnedNames.From(inputs.Settings.Instance);
}
