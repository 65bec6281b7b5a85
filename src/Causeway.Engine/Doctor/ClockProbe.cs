using System.Collections.Immutable;
using Causeway.Core.Access;
using Causeway.Core.Doctor;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Doctor;

/// <summary>
/// The clock and what it must be past: this binary's build date, and the validity start of the access servers' CA and
/// server certificate (made on this host: a clock set back since then makes every phone refuse the server).
/// </summary>
public sealed class ClockProbe(IFileSystem files, IHostIdentity host, TimeProvider time)
{
    public ClockFacts Read(DateTimeOffset? buildDate, CausewaySettings? settings)
    {
        var floors = ImmutableArray.CreateBuilder<ClockFloor>();
        var unread = ImmutableArray.CreateBuilder<string>();
        if (buildDate is { } built)
        {
            floors.Add(new ClockFloor("this causeway's build date", built));
        }

        if (settings?.Access is not null)
        {
            var paths = AccessPaths.For(settings.Instance);
            Certificate(paths.CaCertificate, "the access CA's validity start", floors, unread);
            Certificate(paths.ServerCertificate, "the access server certificate's validity start", floors, unread);
        }

        return new ClockFacts(time.GetUtcNow(), floors.ToImmutable(), unread.ToImmutable());
    }

    private void Certificate(string path, string what, ImmutableArray<ClockFloor>.Builder floors, ImmutableArray<string>.Builder unread)
    {
        try
        {
            if (files.Stat(path).Exists)
            {
                floors.Add(new ClockFloor(what, CertificateValidity.NotBefore(files.ReadAllText(path))));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unread.Add(host.IsRoot ? $"{path}: {e.Message}" : $"{path} (root's)");
        }
        catch (PkiException e)
        {
            unread.Add($"{path}: {e.Message}");
        }
    }
}
