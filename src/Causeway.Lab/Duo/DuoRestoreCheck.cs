using System.Security.Cryptography;
using Causeway.Core.Access;
using Causeway.Core.Pki;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.State;

namespace Causeway.Lab.Duo;

/// <summary>
/// `restore-keeps-phone-profiles`: the VM is reclaimed (as free clouds do) and rebuilt from its backup. `causeway
/// backup` while it serves the phones, the bundle kept off the VM; then `causeway up` stopped, `causeway down`, and
/// the state and run directories, the config, the provider's profile and auth file deleted: nothing of Causeway's is
/// left on the VM. `causeway restore` puts them back (a second restore is refused: the state now exists), `causeway up`
/// starts again, and each phone's OpenVPN, still running on the profile `client add` wrote before the backup,
/// connects again by itself and reaches the internet through the provider; the lost phone's revoked profile stays
/// refused.
/// </summary>
internal sealed class DuoRestoreCheck(DuoWorld w)
{
    /// <summary>A phone connects in well under a second: a revoked one that has not in this long never will.</summary>
    private static readonly TimeSpan RefusalWatch = TimeSpan.FromSeconds(10);

    /// <summary>Phones retry every 10 s at most (`connect-retry 1 10`), after the UDP attempt's server-poll-timeout.</summary>
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private string StateDirectory => Path.Combine(w.Layout.GatewayDirectory, "state");

    private string RunDirectory => Path.Combine(w.Layout.GatewayDirectory, "run");

    /// <summary>The VM's access directory, under the state_dir of its config (<see cref="GatewayConfigFile"/>).</summary>
    private AccessPaths Access => new(Path.Combine(StateDirectory, "access"), Path.Combine(RunDirectory, "openvpn"));

    /// <summary>The bundle, kept off the VM: in the world's own directory.</summary>
    private string Bundle => Path.Combine(w.World.Directory, "vm-backup.json");

    public async Task<LabCheckResult> RunAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        var evidence = new List<string>();
        var config = w.GatewayConfigPath;
        string[] kept = [config, w.Layout.GatewayProfile, w.Layout.GatewayAuth, .. BackupFiles()];
        var before = kept.ToDictionary(p => p, Hash);
        var phonePids = DuoTopology.Phones.ToDictionary(p => p, p => w.State.Process(DuoProcessNames.PhoneOpenVpn(p))?.Pid);
        var lost = w.State.AccessClients?.LastOrDefault(c => c.Node == DuoTopology.PhoneLost);

        // The backup, while the VM serves the phones.
        if (w.Files.Stat(Bundle).Exists)
        {
            w.Files.DeleteFile(Bundle);
        }

        var backup = await w.GatewayCommandAsync(["backup", "-c", config, "--out", Bundle], ct, CommandTimeout);
        var bundleMode = w.Files.Stat(Bundle).Mode;
        if (!backup.Succeeded || bundleMode != PkiFileModes.File)
        {
            return Failed($"`causeway backup` exited with {backup.ExitCode} and its file is {(w.Files.Stat(Bundle).Exists ? SecretFilePermissions.Octal(bundleMode) : "missing")}: {Output(backup)}");
        }

        evidence.Add($"`causeway backup` wrote {Bundle} ({SecretFilePermissions.Octal(bundleMode)}, {w.Files.Stat(Bundle).Length} bytes: {FirstLine(backup.StandardOutput)})");

        // The VM reclaimed: nothing of Causeway's left on it.
        var gone = await ReclaimAsync(config, ct);
        evidence.Add(gone.Evidence);
        if (!gone.Clean)
        {
            return Failed(string.Join("; ", evidence));
        }

        // The new VM: restore, then `up`.
        var restore = await w.GatewayCommandAsync(["restore", Bundle, "-c", config], ct, CommandTimeout);
        if (!restore.Succeeded)
        {
            return Failed($"{string.Join("; ", evidence)}; `causeway restore` exited with {restore.ExitCode}: {Output(restore)}");
        }

        var changed = kept.Where(p => Hash(p) != before[p]).ToList();
        var accessMode = w.Files.Stat(Access.Directory).Mode;
        var wrongModes = BackupFiles().Where(p => w.Files.Stat(p).Mode != PkiFileModes.File || w.Files.Stat(p).OwnerUid != 0).ToList();
        var marked = w.Files.Stat(OwnedDirectories.MarkerPath(StateDirectory)).Exists;
        if (changed.Count > 0 || accessMode != PkiFileModes.Directory || wrongModes.Count > 0 || !marked)
        {
            problems.Add($"restored, but changed: [{string.Join(", ", changed)}], access directory {SecretFilePermissions.Octal(accessMode)}, "
                + $"not 0600 root's: [{string.Join(", ", wrongModes)}], state directory {(marked ? "marked" : "NOT marked")}");
        }

        evidence.Add($"`causeway restore` put back {kept.Length} files, each byte for byte as before the backup (the CA, the server certificate and key, "
            + $"the tls-crypt key, the CRL, the client registry, the config, the provider's profile and auth file), the access directory "
            + $"{SecretFilePermissions.Octal(accessMode)} and its files 0600 root's, the state directory {(marked ? "marked as the instance's" : "NOT marked")}");

        var again = await w.GatewayCommandAsync(["restore", Bundle, "-c", config], ct, CommandTimeout);
        var refusedAgain = again.ExitCode == 2 && again.StandardError.Contains("already holds an access PKI", StringComparison.Ordinal)
            && again.StandardError.Contains("nothing was changed on this host", StringComparison.Ordinal);
        if (!refusedAgain)
        {
            problems.Add($"a second restore was not refused as existing state (exit {again.ExitCode}: {Output(again)})");
        }

        evidence.Add(refusedAgain ? "a second `causeway restore` was refused (exit 2: the state exists, nothing changed)" : "a second restore was NOT refused");

        w.StartGateway();
        var (ready, status) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        await DuoBuilder.StartAccessAsync(w, ct);
        evidence.Add($"`causeway up` on the restored VM ready after {ready.TotalSeconds:0.0} s ({status.Summary})");

        await PhonesBackAsync(phonePids, problems, evidence, ct);
        await LostPhoneRefusedAsync(lost, problems, evidence, ct);
        return new(DuoCheckNames.RestoreKeepsPhoneProfiles, problems.Count == 0,
            string.Join("; ", evidence) + (problems.Count > 0 ? $"; FAILED: {string.Join("; ", problems)}" : string.Empty));
    }

    /// <summary>`causeway up` stopped, `causeway down`, then the state directory, the config and the provider's files deleted.</summary>
    private async Task<(bool Clean, string Evidence)> ReclaimAsync(string config, CancellationToken ct)
    {
        var gateway = w.State.Process(w.GatewayProcess);
        if (gateway is not null && w.Processes.IsAlive(gateway.Pid, gateway.StartTicks))
        {
            await w.Processes.SignalAsync(gateway.Pid, UnixSignals.Terminate, ct);
            if (await Waiting.TryUntilAsync(_ => Task.FromResult(!w.Processes.IsAlive(gateway.Pid, gateway.StartTicks)), TimeSpan.FromSeconds(20), w.Time, ct) is null)
            {
                await w.KillAsync(w.GatewayProcess, ct);
            }
        }

        var down = await w.GatewayCommandAsync(["down", "-c", config], ct, CommandTimeout);
        DeleteTree(StateDirectory);

        // A new VM's /run is empty too (`down` leaves the instance's lock file there).
        DeleteTree(RunDirectory);
        foreach (var file in new[] { config, w.Layout.GatewayProfile, w.Layout.GatewayAuth })
        {
            if (w.Files.StatNoFollow(file).Exists)
            {
                w.Files.DeleteFile(file);
            }
        }

        var left = new[] { StateDirectory, RunDirectory, config, w.Layout.GatewayProfile, w.Layout.GatewayAuth }
            .Where(p => w.Files.StatNoFollow(p).Exists).ToList();
        var servers = await w.PidsNamedAsync(w.GatewayNode, "openvpn", ct);
        var clean = down.Succeeded && left.Count == 0 && servers.Count == 0;
        return (clean, $"the VM reclaimed: `causeway up` stopped, `causeway down` {(down.Succeeded ? "succeeded" : $"exited with {down.ExitCode}: {Output(down)}")}, "
            + $"the state and run directories, the config, the profile and the auth file deleted ({(left.Count == 0 ? "nothing of Causeway's left" : $"LEFT: {string.Join(", ", left)}")}; "
            + $"{(servers.Count == 0 ? "no OpenVPN running" : $"OpenVPN STILL running: pid {string.Join(", ", servers)}")})");
    }

    /// <summary>Each phone's OpenVPN, on its profile from before the backup, connected again and through the provider.</summary>
    private async Task PhonesBackAsync(Dictionary<string, int?> phonePids, List<string> problems, List<string> evidence, CancellationToken ct)
    {
        var started = w.Time.GetTimestamp();
        await w.Phones.EnsureConnectedAsync(DuoTopology.Phones, restart: false, ct);
        foreach (var phone in DuoTopology.Phones)
        {
            var client = w.Phones.Client(phone);
            var unchanged = AccessPhones.Sha256(w.Files.ReadAllText(client.ProfilePath)) == client.ProfileSha256;
            var sameProcess = phonePids[phone] is { } pid && w.State.Process(DuoProcessNames.PhoneOpenVpn(phone))?.Pid == pid;
            EchoProbeResult? last = null;
            var through = await Waiting.TryUntilAsync(
                async token =>
                {
                    last = await w.EchoProbeAsync(phone, new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort), "tcp", 1, TimeSpan.FromMilliseconds(700), TimeSpan.Zero, token);
                    return last.AnsweredAs(BackboneTopology.ProviderAddress.ToString());
                },
                ReconnectLimit,
                w.Time,
                ct);
            var listed = await w.Phones.ClientAsync(client.Name, ct);
            if (!unchanged || through is null || listed is not { Connected: true })
            {
                problems.Add($"{phone}: profile {(unchanged ? "unchanged" : "CHANGED")}, internet through the provider {(through is null ? "NOT back" : "back")}, the VM lists {listed?.Describe() ?? "nothing"}");
            }

            evidence.Add($"{phone}: its profile from before the backup (sha256 {client.ProfileSha256[..12]}…, {(unchanged ? "unchanged" : "CHANGED")}), "
                + $"{(sameProcess ? "the same OpenVPN process, which reconnected by itself" : "its OpenVPN started again on it")}, connected to the restored VM "
                + $"({listed?.Describe() ?? "not listed"}) and reached the internet as {(last is null ? "nothing" : string.Join(", ", last.SeenAs))} "
                + $"{w.Time.GetElapsedTime(started).TotalSeconds:0.0} s after `up` was ready");
        }
    }

    /// <summary>The lost phone's profile (revoked before the backup) tried on the restored VM: refused.</summary>
    private async Task LostPhoneRefusedAsync(LabAccessClient? lost, List<string> problems, List<string> evidence, CancellationToken ct)
    {
        if (lost is null)
        {
            problems.Add($"no revoked client to try: {DuoCheckNames.RevokedClientKickedAndRefused} runs before this check and revokes one");
            return;
        }

        var listed = await w.Phones.ClientAsync(lost.Name, ct);
        var attempt = await RevokedProfileAttempt.RunAsync(w, lost, RefusalWatch, ct);
        if (listed is not { Revoked: true } || !attempt.Refused)
        {
            problems.Add($"the revoked {lost.Name} is listed as {listed?.Describe() ?? "nothing"} and {(attempt.Refused ? "was refused" : "was NOT refused")}");
        }

        evidence.Add($"{lost.Node}'s profile for {lost.Name}, revoked before the backup and listed as {listed?.Describe() ?? "nothing"}: {attempt.Describe(RefusalWatch)}");
    }

    /// <summary>The access files the backup carries, as they are on the VM now.</summary>
    private string[] BackupFiles() =>
        [Access.CaCertificate, Access.CaPrivateKey, Access.ServerCertificate, Access.ServerPrivateKey, Access.TlsCryptKey, Access.Crl, Access.ClientRegistry];

    private string? Hash(string path) =>
        w.Files.Stat(path).Exists ? Convert.ToHexStringLower(SHA256.HashData(w.Files.ReadAllBytes(path))) : null;

    /// <summary>Removes a directory and everything under it, never following a link.</summary>
    private void DeleteTree(string path)
    {
        var facts = w.Files.StatNoFollow(path);
        if (!facts.Exists)
        {
            return;
        }

        if (facts.Kind != FileKind.Directory)
        {
            w.Files.DeleteFile(path);
            return;
        }

        foreach (var entry in w.Files.ListDirectory(path))
        {
            DeleteTree(Path.Combine(path, entry));
        }

        w.Files.DeleteDirectory(path);
    }

    private static LabCheckResult Failed(string detail) => new(DuoCheckNames.RestoreKeepsPhoneProfiles, false, detail);

    private static string Output(CommandResult result) => (result.StandardError + result.StandardOutput).Trim().ReplaceLineEndings("; ");

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? string.Empty;
}
