using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Causeway.Core.Model;
using Causeway.Core.Netlink;
using Causeway.Core.ZeroTier;
using Causeway.Engine.Seams;

namespace Causeway.Engine.ZeroTier;

/// <summary>
/// Turns the overlay settings into <see cref="OverlayFacts"/>: through zerotier-one's local API for a ZeroTier
/// network (waiting, with backoff, while it is still being configured), or from the interface's addresses and the
/// configured subnets for any other overlay. Failures are <see cref="OverlayResolutionException"/>s.
/// Not thread-safe: one resolver per reconcile loop.
/// </summary>
public sealed class OverlayResolver : IDisposable
{
    public static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(2);

    private readonly IFileSystem _fileSystem;
    private readonly ICommandRunner _commandRunner;
    private readonly TimeProvider _timeProvider;
    private readonly Func<HttpMessageHandler>? _handlerFactory;
    private ZeroTierLocalClient? _client;
    private (string Home, int? Port) _clientKey;

    /// <param name="handlerFactory">HTTP handler for the local API; null = <see cref="ZeroTierLocalClient.CreateDefaultHandler"/>.</param>
    public OverlayResolver(
        IFileSystem fileSystem,
        ICommandRunner commandRunner,
        TimeProvider timeProvider,
        Func<HttpMessageHandler>? handlerFactory = null)
    {
        _fileSystem = fileSystem;
        _commandRunner = commandRunner;
        _timeProvider = timeProvider;
        _handlerFactory = handlerFactory;
    }

    public Task<OverlayResolution> ResolveAsync(OverlaySettings settings, CancellationToken cancellationToken = default) =>
        settings.Source switch
        {
            ZeroTierOverlaySource zeroTier => ResolveZeroTierAsync(zeroTier, cancellationToken),
            InterfaceOverlaySource plain => ResolveInterfaceAsync(plain, cancellationToken),
            _ => throw new ArgumentException($"unknown overlay source {settings.Source.GetType().Name}", nameof(settings)),
        };

    public void Dispose() => _client?.Dispose();

    private async Task<OverlayResolution> ResolveZeroTierAsync(ZeroTierOverlaySource source, CancellationToken cancellationToken)
    {
        var client = ClientFor(source);
        var id = source.NetworkId;
        var deadline = _timeProvider.GetUtcNow() + source.ConfigurationWait;
        var delay = FirstPollDelay;
        try
        {
            var status = await client.GetStatusAsync(cancellationToken);
            while (true)
            {
                var network = await client.TryGetNetworkAsync(id, cancellationToken)
                    ?? throw new OverlayResolutionException(
                        OverlayResolutionErrorKind.NotJoined,
                        $"this node ({status.Address}) has not joined ZeroTier network {id}: run `zerotier-cli join {id}`, then authorize member {status.Address} on the network's controller");

                var interpretation = ZeroTierNetworkInterpreter.Interpret(network, status.Address);
                if (interpretation.IsUsable)
                {
                    var facts = interpretation.Facts;
                    return new OverlayResolution(facts, Summarize(status, network, facts));
                }

                var problem = interpretation.Problem;
                if (!problem.IsTransient)
                {
                    throw new OverlayResolutionException(OverlayResolutionErrorKind.NetworkUnusable, problem.Message, problem);
                }

                var remaining = deadline - _timeProvider.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    throw new OverlayResolutionException(
                        OverlayResolutionErrorKind.ConfigurationTimeout,
                        $"ZeroTier network {id} is still not usable after waiting {source.ConfigurationWait.TotalSeconds:0.#} s (overlay.zerotier_wait_seconds): {problem.Message}",
                        problem);
                }

                // The last wait ends exactly at the deadline, so the final look happens then and not later.
                await Task.Delay(delay < remaining ? delay : remaining, _timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
            }
        }
        catch (ZeroTierApiException e)
        {
            throw new OverlayResolutionException(OverlayResolutionErrorKind.ZeroTierApiError, e.Message, innerException: e);
        }
    }

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
        DefaultRoute: DefaultRouteAdvice.Evaluate(network, facts.LocalAddresses));

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
        try
        {
            // What an overlay member could send to: global (and site) scope, not link-local or host.
            addresses = [.. IpAddressParser.Parse(result.StandardOutput)
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

        return new OverlayResolution(new OverlayFacts(name, source.Subnets, addresses), null);
    }
}
