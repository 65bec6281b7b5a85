using System.Collections.Immutable;
using Causeway.Core.Doctor;
using Causeway.Core.Model;
using Causeway.Core.ZeroTier;
using Causeway.Engine.Seams;
using Causeway.Engine.ZeroTier;

namespace Causeway.Engine.Doctor;

/// <summary>
/// zerotier-one as doctor sees it: its home (local.conf's interface blacklist), its token, and one look at the
/// configured network through the same resolver `up` uses. What passes by itself while zerotier-one starts (its port
/// file empty while rewritten, not listening yet, the network not rejoined or still configuring) is looked at again
/// for up to <see cref="StartingWait"/> before it counts.
/// </summary>
public sealed class ZeroTierProbe(IFileSystem files, IHostIdentity host, TimeProvider time, OverlayResolver resolver)
{
    /// <summary>Long enough for zerotier-one's own transient states (a rejoin takes ~0.1 s), short for a preflight.</summary>
    public static readonly TimeSpan StartingWait = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan FirstLookDelay = TimeSpan.FromMilliseconds(250);

    public ZeroTierHomeFacts ReadHome(string home)
    {
        var path = Path.Combine(home, ZeroTierLocalConf.FileName);
        try
        {
            var exists = files.Stat(home).Exists;
            if (!exists || !files.Stat(path).Exists)
            {
                return new ZeroTierHomeFacts(home, exists, Observed.Of(ImmutableArray<string>.Empty));
            }

            return new ZeroTierHomeFacts(home, true, Observed.Of(ZeroTierLocalConf.InterfacePrefixBlacklist(files.ReadAllText(path))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ZeroTierHomeFacts(home, true, Observed.Unread<ImmutableArray<string>>(
                host.IsRoot ? e.Message : $"{home} is root's", needsRoot: !host.IsRoot));
        }
        catch (FormatException e)
        {
            return new ZeroTierHomeFacts(home, true, Observed.Unread<ImmutableArray<string>>(e.Message));
        }
    }

    public async Task<ZeroTierFacts> LookAsync(OverlaySettings overlay, ZeroTierOverlaySource source, CancellationToken cancellationToken)
    {
        var token = ReadToken(source.HomeDirectory);
        var api = token.State == ZeroTierTokenState.Readable ? await AskAsync(overlay, cancellationToken) : null;
        return new ZeroTierFacts(source.NetworkId, source.HomeDirectory, token, api);
    }

    private ZeroTierTokenFacts ReadToken(string home)
    {
        var path = Path.Combine(home, ZeroTierLocalClient.TokenFileName);
        try
        {
            if (!files.Stat(path).Exists)
            {
                return new ZeroTierTokenFacts(path, ZeroTierTokenState.Missing);
            }

            // The daemon trims the file the same way (ZeroTierLocalClient).
            var token = files.ReadAllText(path).Trim(' ', '\t', '\r', '\n', '\0');
            return new ZeroTierTokenFacts(path, token.Length == 0 ? ZeroTierTokenState.Empty : ZeroTierTokenState.Readable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return host.IsRoot
                ? new ZeroTierTokenFacts(path, ZeroTierTokenState.Unreadable, e.Message)
                : new ZeroTierTokenFacts(path, ZeroTierTokenState.NeedsRoot, e.Message);
        }
    }

    private async Task<ZeroTierApiFacts> AskAsync(OverlaySettings overlay, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + StartingWait;
        var delay = FirstLookDelay;
        while (true)
        {
            try
            {
                var resolution = await resolver.LookAsync(overlay, cancellationToken);
                return new ZeroTierApiFacts(ZeroTierApiOutcome.Answered, string.Empty, resolution.ZeroTier);
            }
            catch (OverlayResolutionException e)
            {
                var remaining = deadline - time.GetUtcNow();
                if (!e.IsTransient)
                {
                    return new ZeroTierApiFacts(Outcome(e), e.Message);
                }

                if (remaining <= TimeSpan.Zero)
                {
                    return new ZeroTierApiFacts(Outcome(e), $"{e.Message}; still so after {StartingWait.TotalSeconds:0} s");
                }

                await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    private static ZeroTierApiOutcome Outcome(OverlayResolutionException e) => e.Kind switch
    {
        OverlayResolutionErrorKind.NotJoined => ZeroTierApiOutcome.NotJoined,
        OverlayResolutionErrorKind.NetworkUnusable => ZeroTierApiOutcome.NetworkUnusable,
        OverlayResolutionErrorKind.ConfigurationTimeout => ZeroTierApiOutcome.Starting,
        OverlayResolutionErrorKind.ZeroTierApiError => e.ApiError switch
        {
            ZeroTierApiErrorKind.DaemonNotRunning => ZeroTierApiOutcome.NotRunning,
            ZeroTierApiErrorKind.PortFileEmpty => ZeroTierApiOutcome.Starting,
            _ => ZeroTierApiOutcome.Failed,
        },
        _ => ZeroTierApiOutcome.Failed,
    };
}
