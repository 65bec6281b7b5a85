using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Causeway.Core.Model;
using Causeway.Core.Netlink;
using Causeway.Core.ZeroTier;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Causeway.Engine.ZeroTier;

/// <summary>
/// Turns the overlay settings into <see cref="OverlayFacts"/>: through zerotier-one's local API for a ZeroTier
/// network, or from the interface's addresses and the configured subnets for any other overlay. Failures are
/// <see cref="OverlayResolutionException"/>s. <see cref="ResolveAsync"/> waits, with backoff and up to
/// overlay.zerotier_wait_seconds, through what zerotier-one passes through while it starts or restarts (its API not
/// listening yet, its port file empty while rewritten, a joined network answering 404 until it is rejoined, the
/// network still being configured), saying what it waits for; <see cref="LookAsync"/> looks once and waits for
/// nothing (the running daemon's polls). Not thread-safe: one resolver per reconcile loop.
/// </summary>
public sealed class OverlayResolver : IOverlaySource, IDisposable
{
    public static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(2);

    private readonly IFileSystem _fileSystem;
    private readonly ICommandRunner _commandRunner;
    private readonly TimeProvider _timeProvider;
    private readonly Func<HttpMessageHandler>? _handlerFactory;
    private readonly ILogger _logger;
    private ZeroTierLocalClient? _client;
    private (string Home, int? Port) _clientKey;

    /// <param name="handlerFactory">HTTP handler for the local API; null = <see cref="ZeroTierLocalClient.CreateDefaultHandler"/>.</param>
    /// <param name="logger">Gets what <see cref="ResolveAsync"/> waits for; null = nowhere.</param>
    public OverlayResolver(
        IFileSystem fileSystem,
        ICommandRunner commandRunner,
        TimeProvider timeProvider,
        Func<HttpMessageHandler>? handlerFactory = null,
        ILogger? logger = null)
    {
        _fileSystem = fileSystem;
        _commandRunner = commandRunner;
        _timeProvider = timeProvider;
        _handlerFactory = handlerFactory;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The overlay now, waiting (up to overlay.zerotier_wait_seconds) through ZeroTier's transient states.</summary>
    public Task<OverlayResolution> ResolveAsync(OverlaySettings settings, CancellationToken cancellationToken = default) =>
        ResolveCoreAsync(settings, wait: true, cancellationToken);

    /// <summary>
    /// One look, no waiting: a transient state of ZeroTier is an <see cref="OverlayResolutionException"/> with
    /// <see cref="OverlayResolutionException.IsTransient"/> set, for the caller to judge how long it has lasted.
    /// </summary>
    public Task<OverlayResolution> LookAsync(OverlaySettings settings, CancellationToken cancellationToken = default) =>
        ResolveCoreAsync(settings, wait: false, cancellationToken);

    public void Dispose() => _client?.Dispose();

    private Task<OverlayResolution> ResolveCoreAsync(OverlaySettings settings, bool wait, CancellationToken cancellationToken) =>
        settings.Source switch
        {
            ZeroTierOverlaySource zeroTier => ResolveZeroTierAsync(zeroTier, wait, cancellationToken),
            InterfaceOverlaySource plain => ResolveInterfaceAsync(plain, cancellationToken),
            _ => throw new ArgumentException($"unknown overlay source {settings.Source.GetType().Name}", nameof(settings)),
        };

    private async Task<OverlayResolution> ResolveZeroTierAsync(ZeroTierOverlaySource source, bool wait, CancellationToken cancellationToken)
    {
        var client = ClientFor(source);
        var id = source.NetworkId;
        var deadline = _timeProvider.GetUtcNow() + source.ConfigurationWait;
        var delay = FirstPollDelay;
        string? announced = null;
        while (true)
        {
            var pending = await TryOnceAsync(client, id, cancellationToken);
            if (pending.Resolution is { } resolution)
            {
                return resolution;
            }

            var failure = pending.Failure!;
            if (!wait)
            {
                throw failure.Now();
            }

            var remaining = deadline - _timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw failure.After(source.ConfigurationWait);
            }

            if (failure.Waiting != announced)
            {
                announced = failure.Waiting;
                _logger.LogInformation(
                    "{Waiting}; up to {Seconds} s (overlay.zerotier_wait_seconds)",
                    failure.Waiting,
                    source.ConfigurationWait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture));
            }

            // The last wait ends exactly at the deadline, so the final look happens then and not later.
            await Task.Delay(delay < remaining ? delay : remaining, _timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
        }
    }

    /// <summary>One look at the network: usable, or a failure worth waiting through; anything else throws.</summary>
    private static async Task<(OverlayResolution? Resolution, TransientFailure? Failure)> TryOnceAsync(
        ZeroTierLocalClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            var status = await client.GetStatusAsync(cancellationToken);
            var network = await client.TryGetNetworkAsync(id, cancellationToken);
            if (network is null)
            {
                // 404 `{}`: not joined, or zerotier-one answers before it has rejoined its saved networks (~0.1 s
                // after each start). Only a 404 that lasts the whole wait means "not joined".
                var advice = $"this node ({status.Address}) has not joined ZeroTier network {id}: run `zerotier-cli join {id}`, then authorize member {status.Address} on the network's controller";
                return (null, new TransientFailure(
                    OverlayResolutionErrorKind.NotJoined,
                    $"waiting: ZeroTier network {id} not rejoined yet after a restart of zerotier-one (it answers 404 for it)",
                    $"ZeroTier network {id} is not listed by zerotier-one (404): not rejoined yet after a restart, or left",
                    waited => $"{advice} (still not joined after waiting {Seconds(waited)} s, overlay.zerotier_wait_seconds)"));
            }

            var interpretation = ZeroTierNetworkInterpreter.Interpret(network, status.Address);
            if (interpretation.IsUsable)
            {
                var facts = interpretation.Facts;
                return (new OverlayResolution(facts, Summarize(status, network, facts)), null);
            }

            var problem = interpretation.Problem;
            if (!problem.IsTransient)
            {
                throw new OverlayResolutionException(OverlayResolutionErrorKind.NetworkUnusable, problem.Message, problem);
            }

            return (null, new TransientFailure(
                OverlayResolutionErrorKind.ConfigurationTimeout,
                $"waiting for ZeroTier network {id}: {problem.Message}",
                problem.Message,
                waited => $"ZeroTier network {id} is still not usable after waiting {Seconds(waited)} s (overlay.zerotier_wait_seconds): {problem.Message}",
                Problem: problem));
        }
        catch (ZeroTierApiException e) when (e.IsTransient)
        {
            var waiting = e.Kind switch
            {
                ZeroTierApiErrorKind.PortFileEmpty => $"waiting: {ZeroTierLocalClient.PortFileName} is empty (being rewritten)",
                ZeroTierApiErrorKind.DaemonNotRunning => $"waiting for zerotier-one's API on {e.Endpoint}: connection refused (not started yet, or restarting)",
                _ => $"waiting for zerotier-one's API on {e.Endpoint}: {e.Message}",
            };
            return (null, new TransientFailure(
                OverlayResolutionErrorKind.ZeroTierApiError,
                waiting,
                e.Message,
                waited => $"{e.Message}; waited {Seconds(waited)} s (overlay.zerotier_wait_seconds)",
                Api: e));
        }
        catch (ZeroTierApiException e)
        {
            throw new OverlayResolutionException(OverlayResolutionErrorKind.ZeroTierApiError, e.Message, innerException: e);
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static ZeroTierNetworkSummary Summarize(ZeroTierStatus status, ZeroTierNetwork network, OverlayFacts facts) => new(
        NetworkId: network.Id,
        Name: network.Name,
        Status: network.Status,
        NodeAddress: status.Address,
        InterfaceName: facts.InterfaceName,
        AssignedAddresses: network.AssignedAddresses.IsDefault ? [] : network.AssignedAddresses,
        Online: status.Online,
        TcpFallbackActive: status.TcpFallbackActive,
        Version: status.Version,
        DefaultRoute: DefaultRouteAdvice.Evaluate(network, facts.LocalAddresses))
    {
        AllowDefault = network.AllowDefault,
    };

    private ZeroTierLocalClient ClientFor(ZeroTierOverlaySource source)
    {
        // One client (and connection pool) for as long as the settings name the same daemon.
        var key = (source.HomeDirectory, source.Port);
        if (_client is null || _clientKey != key)
        {
            _client?.Dispose();
            _client = new ZeroTierLocalClient(_fileSystem, source.HomeDirectory, source.Port, _handlerFactory?.Invoke());
            _clientKey = key;
        }

        return _client;
    }

    private async Task<OverlayResolution> ResolveInterfaceAsync(InterfaceOverlaySource source, CancellationToken cancellationToken)
    {
        var name = source.InterfaceName;
        var command = CommandSpec.Of("ip", "-json", "addr", "show", "dev", name);
        var result = await _commandRunner.RunAsync(command, cancellationToken);
        if (!result.Succeeded)
        {
            if (result.StandardError.Contains("does not exist", StringComparison.Ordinal))
            {
                throw new OverlayResolutionException(
                    OverlayResolutionErrorKind.InterfaceMissing,
                    $"the overlay interface {name} (overlay.interface) does not exist: bring the overlay up first, or fix the name");
            }

            var failure = new CommandFailedException($"reading the addresses of the overlay interface {name}", command, result);
            throw new OverlayResolutionException(OverlayResolutionErrorKind.InterfaceQueryFailed, failure.Message, innerException: failure);
        }

        ImmutableArray<IPAddress> addresses;
        int? mtu;
        try
        {
            // What an overlay member could send to: global (and site) scope, not link-local or host.
            var links = IpAddressParser.Parse(result.StandardOutput);
            mtu = links.Select(link => link.Mtu).FirstOrDefault();
            addresses = [.. links
                .SelectMany(link => link.Addresses)
                .Where(a => a.Scope is not ("link" or "host"))
                .Select(a => a.Address)];
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new OverlayResolutionException(
                OverlayResolutionErrorKind.InterfaceQueryFailed,
                $"reading the addresses of the overlay interface {name}: `{command}` printed something that is not ip's JSON ({e.Message})",
                innerException: e);
        }

        if (addresses.IsEmpty)
        {
            throw new OverlayResolutionException(
                OverlayResolutionErrorKind.InterfaceWithoutAddress,
                $"the overlay interface {name} has no address: Causeway needs this host's address on the overlay (is the overlay connected?)");
        }

        return new OverlayResolution(new OverlayFacts(name, source.Subnets, addresses) { Mtu = mtu }, null);
    }
}
