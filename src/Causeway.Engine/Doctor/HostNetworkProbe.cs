using System.Collections.Immutable;
using System.Net.Sockets;
using Causeway.Core.Doctor;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;
using Causeway.Core.Planning;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Doctor;

/// <summary>
/// The host's network as doctor reads it, with the parsers `up` uses: the devices (with their kind), every policy
/// rule, the whole nftables ruleset (root only), and sysctls. Never changes anything.
/// </summary>
public sealed class HostNetworkProbe(ICommandRunner commands, IFileSystem files, IHostIdentity host)
{
    public static readonly CommandSpec Links = CommandSpec.Of("ip", "-details", "-json", "link", "show");

    // `-N`: tables as numbers, as HostObserver reads them, so that a name in rt_tables cannot hide Causeway's.
    public static readonly CommandSpec Rules = CommandSpec.Of("ip", "-N", "-json", "rule", "list");
    public static readonly CommandSpec Rules6 = CommandSpec.Of("ip", "-6", "-N", "-json", "rule", "list");
    public static readonly CommandSpec Ruleset = CommandSpec.Of("nft", "-j", "list", "ruleset");

    public async Task<Observed<ImmutableArray<IpLink>>> ReadLinksAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(Links, cancellationToken);
        if (output.Error is { } error)
        {
            return Observed.Unread<ImmutableArray<IpLink>>(error);
        }

        try
        {
            return Observed.Of(IpLinkParser.Parse(output.Text!));
        }
        catch (FormatException e)
        {
            return Observed.Unread<ImmutableArray<IpLink>>(e.Message);
        }
    }

    /// <summary>IPv4 and IPv6 rules; the second value says why `ip -json` gave no JSON (iproute2 too old), if so.</summary>
    public async Task<(Observed<ImmutableArray<IpRule>> Rules, string? JsonProblem)> ReadRulesAsync(CancellationToken cancellationToken)
    {
        var rules = ImmutableArray.CreateBuilder<IpRule>();
        foreach (var (spec, family) in new[] { (Rules, AddressFamily.InterNetwork), (Rules6, AddressFamily.InterNetworkV6) })
        {
            var output = await RunAsync(spec, cancellationToken);
            if (output.Error is { } error)
            {
                // iproute2 without JSON output: `Option "-json" is unknown, try "ip -help".`
                var unknownOption = error.Contains("is unknown", StringComparison.Ordinal);
                return (Observed.Unread<ImmutableArray<IpRule>>(error), unknownOption ? $"`{spec}` failed: {error}" : null);
            }

            try
            {
                rules.AddRange(IpRuleParser.Parse(output.Text!, family));
            }
            catch (FormatException e)
            {
                return (Observed.Unread<ImmutableArray<IpRule>>(e.Message), $"`{spec}` did not print JSON ({e.Message})");
            }
        }

        return (Observed.Of(rules.ToImmutable()), null);
    }

    /// <summary>Every table, chain and rule: reading nftables needs CAP_NET_ADMIN, so only root gets it.</summary>
    public async Task<Observed<NftRuleset>> ReadRulesetAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(Ruleset, cancellationToken);
        if (output.Error is { } error)
        {
            var denied = error.Contains("Operation not permitted", StringComparison.Ordinal) || error.Contains("Permission denied", StringComparison.Ordinal);
            return denied && !host.IsRoot
                ? Observed.Unread<NftRuleset>("reading nftables needs root", needsRoot: true)
                : Observed.Unread<NftRuleset>(error);
        }

        try
        {
            return Observed.Of(NftJsonParser.Parse(output.Text!));
        }
        catch (FormatException e)
        {
            return Observed.Unread<NftRuleset>(e.Message);
        }
    }

    /// <summary>Each setting that exists and can be read, by its sysctl(8) name.</summary>
    public ImmutableDictionary<string, string> ReadSysctls(IEnumerable<string> names)
    {
        var values = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var path = SysctlNames.ToProcPath(name);
                if (files.Stat(path).Exists)
                {
                    values[name] = files.ReadAllText(path).Trim();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone (a device removed meanwhile) or not readable: absent, and the finding says it could not be read.
            }
        }

        return values.ToImmutable();
    }

    /// <summary>The output, or what went wrong (the exit code and stderr, or why it could not run).</summary>
    private async Task<(string? Text, string? Error)> RunAsync(CommandSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            var result = await commands.RunAsync(spec, cancellationToken);
            if (result.Succeeded)
            {
                return (result.StandardOutput, null);
            }

            var detail = result.StandardError.Trim();
            return (null, $"`{spec}` exited with {result.ExitCode}{(detail.Length == 0 ? string.Empty : $": {detail}")}");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            return (null, $"`{spec}` could not run: {e.Message}");
        }
    }
}
