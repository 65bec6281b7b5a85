using System.Collections.Immutable;
using Causeway.Core.Doctor;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Doctor;

/// <summary>
/// The other firewalls, from what any user can read: ufw's own files, which processes run (/proc/PID/comm), and
/// firewalld's trusted zone; ufw's rules and firewalld's zone may be root's.
/// </summary>
public sealed class FirewallProbe(IFileSystem files, IHostIdentity host)
{
    public const string ProcDirectory = "/proc";

    public FirewallFacts Read() => new(ReadUfw(), ReadRunning(), ReadOptional(FirewallFacts.TrustedZonePath));

    private UfwFacts ReadUfw()
    {
        var config = ReadOptional(UfwFacts.ConfigPath);
        if (!config.TryGet(out var conf) || conf.Length == 0)
        {
            return UfwFacts.NotInstalled;
        }

        var defaults = ReadOptional(UfwFacts.DefaultsPath).TryGet(out var text) ? text : string.Empty;
        return new UfwFacts(
            string.Equals(ShellAssignments.Value(conf, "ENABLED"), "yes", StringComparison.OrdinalIgnoreCase),
            ShellAssignments.Value(defaults, "DEFAULT_FORWARD_POLICY")?.ToUpperInvariant(),
            ShellAssignments.Value(defaults, "DEFAULT_INPUT_POLICY")?.ToUpperInvariant(),
            ReadOptional(UfwFacts.UserRulesPath));
    }

    /// <summary>Which of <see cref="FirewallFacts.Watched"/> run now, by the name the kernel keeps for each process.</summary>
    private ImmutableHashSet<string> ReadRunning()
    {
        var running = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var entry in files.ListDirectory(ProcDirectory))
        {
            if (!entry.All(char.IsAsciiDigit))
            {
                continue;
            }

            try
            {
                var name = files.ReadAllText($"{ProcDirectory}/{entry}/comm").Trim();
                if (FirewallFacts.Watched.Contains(name))
                {
                    running.Add(name);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while the list was read.
            }
        }

        return running.ToImmutable();
    }

    /// <summary>A file that may not exist (then empty) or that only root may read.</summary>
    private Observed<string> ReadOptional(string path)
    {
        try
        {
            return files.Stat(path).Exists ? Observed.Of(files.ReadAllText(path)) : Observed.Of(string.Empty);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return host.IsRoot
                ? Observed.Unread<string>(e.Message)
                : Observed.Unread<string>($"{path} is root's", needsRoot: true);
        }
    }
}
