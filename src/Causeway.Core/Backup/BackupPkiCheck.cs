using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Pki;

namespace Causeway.Core.Backup;

/// <summary>
/// The access files of a bundle, checked as `up` checks the PKI (Engine.Access.AccessPki) before anything is
/// written: the files without which there is no PKI, the chain and the key matches, the CRL signed by the CA, the
/// registry and last-seen files readable, and every client the registry says is revoked listed in the CRL (else a
/// lost phone's profile would connect again on the new host).
/// </summary>
public static class BackupPkiCheck
{
    /// <summary>Every problem; empty when the access files are a sound PKI, or when there are none.</summary>
    public static IReadOnlyList<BackupProblem> Problems(IReadOnlyList<BackupFile> access, DateTimeOffset now)
    {
        var problems = new List<BackupProblem>();
        if (access.Count == 0)
        {
            return problems;
        }

        var byName = access.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var missing = BackupAccessFiles.Required.Where(n => !byName.ContainsKey(n)).ToList();
        foreach (var name in missing)
        {
            problems.Add(new BackupProblem($"access \"{name}\"",
                $"is missing: a backup of the access PKI holds {string.Join(", ", BackupAccessFiles.Required)}; make the backup again from the whole PKI"));
        }

        if (missing.Count > 0)
        {
            return problems;
        }

        PkiFile File(string name) => new(name, byName[name].Text);
        var paths = new AccessPaths("/", "/");
        var ca = File(Path.GetFileName(paths.CaCertificate));
        var set = new PkiFileSet(
            ca,
            File(Path.GetFileName(paths.CaPrivateKey)),
            File(Path.GetFileName(paths.ServerCertificate)),
            File(Path.GetFileName(paths.ServerPrivateKey)),
            Crl: null,
            File(Path.GetFileName(paths.TlsCryptKey)));
        var findings = PkiValidator.Validate(set, now).ToList();

        CrlContents? crl = null;
        if (byName.TryGetValue(Path.GetFileName(paths.Crl), out var crlFile))
        {
            // As `up` does: an old CRL (the backup sat for months) is only due for renewal, not a reason to refuse.
            try
            {
                crl = CrlContents.Parse(crlFile.Text);
                findings.AddRange(PkiValidator.CheckCrl(ca, new PkiFile(crlFile.Name, crlFile.Text), crl.ThisUpdate));
            }
            catch (PkiException e)
            {
                findings.Add(new PkiProblem(DiagnosticSeverity.Error, crlFile.Name, e.Message));
            }
        }

        problems.AddRange(findings.Where(f => f.Severity == DiagnosticSeverity.Error).Select(f => new BackupProblem($"access \"{f.Path}\"", f.Message)));
        CheckRegistry(byName, paths, crl, problems);
        if (byName.TryGetValue(Path.GetFileName(paths.LastSeen), out var lastSeen))
        {
            try
            {
                AccessLastSeen.FromJson(lastSeen.Text);
            }
            catch (FormatException e)
            {
                problems.Add(new BackupProblem($"access \"{lastSeen.Name}\"", $"{e.Message}: make the backup again"));
            }
        }

        return problems;
    }

    private static void CheckRegistry(Dictionary<string, BackupFile> byName, AccessPaths paths, CrlContents? crl, List<BackupProblem> problems)
    {
        if (!byName.TryGetValue(Path.GetFileName(paths.ClientRegistry), out var file))
        {
            return;
        }

        AccessClientRegistry registry;
        try
        {
            registry = AccessClientRegistry.FromJson(file.Text);
        }
        catch (FormatException e)
        {
            problems.Add(new BackupProblem($"access \"{file.Name}\"", $"{e.Message}: make the backup again"));
            return;
        }

        if (crl is null)
        {
            // No CRL in the bundle: `up` writes one from the registry, revoked clients included.
            return;
        }

        var listed = crl.Revoked.Select(r => r.SerialNumberHex).ToHashSet(StringComparer.Ordinal);
        foreach (var client in registry.Clients.Where(c => c.IsRevoked))
        {
            string serial;
            try
            {
                serial = new RevokedEntry(client.SerialNumberHex, client.RevokedAt!.Value).SerialNumberHex;
            }
            catch (ArgumentException e)
            {
                problems.Add(new BackupProblem($"access \"{file.Name}\"", $"client \"{client.Name}\": {e.Message}: make the backup again"));
                continue;
            }

            if (!listed.Contains(serial))
            {
                problems.Add(new BackupProblem($"access \"{Path.GetFileName(paths.Crl)}\"",
                    $"does not list client \"{client.Name}\" (serial {client.SerialNumberHex}), which the registry says was revoked on {client.RevokedAt:u}: "
                    + "restored, its profile would connect again; make the backup again from an intact PKI"));
            }
        }
    }
}
