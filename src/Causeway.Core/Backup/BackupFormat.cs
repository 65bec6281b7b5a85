using System.Security.Cryptography;
using System.Text.Json;

namespace Causeway.Core.Backup;

/// <summary>
/// The backup file: one JSON document (<see cref="BackupManifest"/>), every file in it base64 with its size and
/// SHA-256. JSON rather than tar: System.Text.Json reads it without an external tool or an archive parser, and has
/// no symlinks, hard links, devices or long-name extensions for a hostile bundle to play with; the files are a few
/// KiB of text, so base64 costs nothing that matters, and `jq '.files[] | {role, name}'` shows what is inside.
/// <see cref="Parse"/> believes nothing until all of it is checked: format and version, bounds, names, sizes and
/// hashes, each problem named with what to do.
/// </summary>
public static class BackupFormat
{
    /// <summary>The "format" field: what says this JSON is a Causeway backup at all.</summary>
    public const string FormatName = "causeway-backup";

    /// <summary>The only version this causeway writes and reads; a change to the format is a new version.</summary>
    public const int CurrentVersion = 1;

    private const string RoleConfig = "config";
    private const string RoleAccess = "access";
    private const string RoleProvider = "provider";

    /// <summary>The bundle's text: indented JSON, one line per field, the contents base64.</summary>
    public static string Serialize(BackupContents contents)
    {
        var manifest = new BackupManifest(
            FormatName,
            CurrentVersion,
            contents.Created,
            contents.MadeBy,
            contents.Instance,
            contents.ConfigPath,
            [.. contents.Files.Select(f =>
            {
                var bytes = f.Bytes;
                return new BackupManifestFile(RoleName(f.Role), f.Name, Octal(f.Mode), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToBase64String(bytes));
            })]);
        return JsonSerializer.Serialize(manifest, BackupJsonContext.Default.BackupManifest) + "\n";
    }

    /// <summary>Checks a bundle completely and gives what it holds.</summary>
    /// <exception cref="BackupFormatException">Anything wrong with it: every problem, each with what to do.</exception>
    public static BackupContents Parse(byte[] bundle)
    {
        if (bundle.Length > BackupLimits.BundleMaxBytes)
        {
            throw Refused("the bundle", $"is {bundle.Length} bytes, more than a backup ever holds ({BackupLimits.BundleMaxBytes}): not a Causeway backup");
        }

        CheckHeader(bundle);
        BackupManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bundle, BackupJsonContext.Default.BackupManifest)
                ?? throw Refused("the bundle", "is JSON null: not a Causeway backup");
        }
        catch (JsonException e)
        {
            throw Refused("the bundle", $"is not a well-formed version {CurrentVersion} backup ({e.Message}): use the file `causeway backup` wrote, unchanged");
        }

        return Check(manifest);
    }

    /// <summary>The format and version first, so that a newer bundle is told as such rather than as unknown fields.</summary>
    private static void CheckHeader(byte[] bundle)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bundle, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Refused("the bundle", $"is not well-formed JSON ({e.Message}): a Causeway backup is one JSON document; is the file truncated, or not a backup?");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatName)
            {
                throw Refused("format", $"the file is JSON but not a Causeway backup (no \"format\": \"{FormatName}\"): give the file `causeway backup` wrote");
            }

            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number))
            {
                throw Refused("version", "missing or not a number: give the file `causeway backup` wrote, unchanged");
            }

            if (number != CurrentVersion)
            {
                throw Refused("version", number > CurrentVersion
                    ? $"the bundle is version {number}, made by a newer causeway; this one restores version {CurrentVersion}: install that version (or newer) to restore it"
                    : $"the bundle is version {number}; this causeway restores version {CurrentVersion} only");
            }
        }
    }

    private static BackupContents Check(BackupManifest manifest)
    {
        var problems = new List<BackupProblem>();
        CheckLabel("made_by", manifest.MadeBy, problems);
        CheckLabel("instance", manifest.Instance, problems);
        CheckLabel("config_path", manifest.ConfigPath, problems);
        var files = manifest.Files.IsDefault ? [] : manifest.Files;
        if (files.Length > BackupLimits.MaxFiles)
        {
            throw Refused("files", $"{files.Length} files, more than a backup ever holds ({BackupLimits.MaxFiles}): not a Causeway backup");
        }

        var checkedFiles = new List<BackupFile>();
        var seen = new HashSet<(BackupRole, string)>();
        for (var i = 0; i < files.Length; i++)
        {
            if (CheckFile(files[i], $"files[{i}]", problems) is not { } file)
            {
                continue;
            }

            if (!seen.Add((file.Role, file.Role == BackupRole.Config ? string.Empty : file.Name)))
            {
                problems.Add(new BackupProblem($"files[{i}] ({files[i].Role} {BackupNames.Shown(files[i].Name)})",
                    file.Role == BackupRole.Config
                        ? "a second config: a backup holds exactly one; refused"
                        : "appears twice: which one would be restored? refused"));
                continue;
            }

            checkedFiles.Add(file);
        }

        var config = checkedFiles.FirstOrDefault(f => f.Role == BackupRole.Config);
        if (!files.Any(f => f.Role == RoleConfig))
        {
            problems.Add(new BackupProblem("files", "no config file: a backup always holds the config; give the file `causeway backup` wrote"));
        }

        if (problems.Count > 0)
        {
            throw new BackupFormatException(problems);
        }

        return new BackupContents(
            manifest.Created,
            manifest.MadeBy,
            manifest.Instance,
            manifest.ConfigPath,
            config!,
            [.. checkedFiles.Where(f => f.Role == BackupRole.Access)],
            [.. checkedFiles.Where(f => f.Role == BackupRole.Provider)]);
    }

    private static BackupFile? CheckFile(BackupManifestFile entry, string index, List<BackupProblem> problems)
    {
        var where = $"{index} ({Printable(entry.Role, 16)} {BackupNames.Shown(entry.Name)})";
        var before = problems.Count;
        void Problem(string message) => problems.Add(new BackupProblem(where, message));

        BackupRole? role = entry.Role switch
        {
            RoleConfig => BackupRole.Config,
            RoleAccess => BackupRole.Access,
            RoleProvider => BackupRole.Provider,
            _ => null,
        };
        if (role is null)
        {
            Problem($"the role {Printable(entry.Role, 16)} is none of \"{RoleConfig}\", \"{RoleAccess}\", \"{RoleProvider}\": refused");
            return null;
        }

        if (BackupNames.Problem(entry.Name) is { } nameProblem)
        {
            Problem(nameProblem);
        }
        else if (role == BackupRole.Access && !BackupAccessFiles.Names.Contains(entry.Name))
        {
            Problem($"is not a file of the access directory (those are {string.Join(", ", BackupAccessFiles.Names)}): refused");
        }

        var mode = ParseMode(entry.Mode);
        if (mode is null)
        {
            Problem($"mode {Printable(entry.Mode, 16)} is not an octal mode like \"0600\": refused");
        }

        var max = BackupLimits.MaxBytes(role.Value);
        if (entry.Size < 0 || entry.Size > max)
        {
            Problem($"size {entry.Size} is out of bounds (at most {max} bytes for a {entry.Role} file): refused");
        }

        if (entry.Sha256.Length != 64 || !entry.Sha256.All(char.IsAsciiHexDigitLower))
        {
            Problem("sha256 is not 64 lowercase hex digits: refused");
        }

        // Bounded before decoding: base64 of at most `max` bytes is at most this long.
        byte[]? bytes = null;
        if (entry.Content.Length > (max + 2) / 3 * 4)
        {
            Problem($"its content is longer than {max} bytes can be: refused");
        }
        else
        {
            var buffer = new byte[entry.Content.Length / 4 * 3 + 3];
            if (Convert.TryFromBase64String(entry.Content, buffer, out var written))
            {
                bytes = buffer[..written];
            }
            else
            {
                Problem("its content is not base64: the bundle is damaged; use an intact copy");
            }
        }

        if (problems.Count > before || bytes is null)
        {
            return null;
        }

        if (bytes.LongLength != entry.Size)
        {
            Problem($"holds {bytes.Length} bytes where the bundle says {entry.Size}: truncated or altered; use an intact copy of the backup");
            return null;
        }

        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != entry.Sha256)
        {
            Problem("its SHA-256 does not match its content: altered or damaged since `causeway backup` wrote it; use an intact copy of the backup");
            return null;
        }

        string text;
        try
        {
            text = BackupFile.Utf8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            Problem("is not UTF-8 text, as every file Causeway backs up is: refused");
            return null;
        }

        return new BackupFile(role.Value, entry.Name, mode!.Value, text);
    }

    private static void CheckLabel(string field, string value, List<BackupProblem> problems)
    {
        if (value.Length > BackupLimits.LabelMaxLength)
        {
            problems.Add(new BackupProblem(field, $"is {value.Length} characters long (at most {BackupLimits.LabelMaxLength}): not a Causeway backup"));
        }
    }

    /// <summary>"0600" or "600" → the mode; null for anything else (no setuid, setgid or sticky bits: 3 octal digits).</summary>
    private static UnixFileMode? ParseMode(string text)
    {
        var digits = text.Length == 4 && text[0] == '0' ? text[1..] : text;
        return digits.Length == 3 && digits.All(c => c is >= '0' and <= '7')
            ? (UnixFileMode)Convert.ToInt32(digits, 8)
            : null;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');

    private static string RoleName(BackupRole role) => role switch
    {
        BackupRole.Config => RoleConfig,
        BackupRole.Access => RoleAccess,
        _ => RoleProvider,
    };

    private static string Printable(string text, int max) => BackupNames.Shown(text.Length > max ? text[..max] : text);

    private static BackupFormatException Refused(string where, string message) => new([new BackupProblem(where, message)]);
}
