using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Causeway.Core.Backup;
using Xunit;

namespace Causeway.Core.Tests.Backup;

/// <summary>
/// The backup file: what `backup` writes comes back byte for byte, and a hostile or damaged bundle is refused with
/// every problem named (where in the bundle, what to do) before anything in it is believed.
/// </summary>
public sealed class BackupFormatTests
{
    private static byte[] Bundle() => Encoding.UTF8.GetBytes(BackupFormat.Serialize(BackupTestData.Contents()));

    /// <summary>The bundle with <paramref name="change"/> made to its JSON.</summary>
    private static byte[] Changed(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Bundle())!.AsObject();
        change(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static JsonArray Files(JsonObject bundle) => bundle["files"]!.AsArray();

    private static JsonObject File(JsonObject bundle, string name) =>
        Files(bundle).Select(f => f!.AsObject()).First(f => (string?)f["name"] == name);

    /// <summary>Gives a file new bytes with a matching size and hash, as a careful forger would.</summary>
    private static void SetContent(JsonObject file, byte[] bytes)
    {
        file["content"] = Convert.ToBase64String(bytes);
        file["size"] = bytes.Length;
        file["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static BackupFormatException Refused(byte[] bundle) => Assert.Throws<BackupFormatException>(() => BackupFormat.Parse(bundle));

    [Fact]
    public void What_is_written_comes_back_byte_for_byte()
    {
        var contents = BackupTestData.Contents();

        var back = BackupFormat.Parse(Encoding.UTF8.GetBytes(BackupFormat.Serialize(contents)));

        Assert.Equal(contents.Files.Select(f => (f.Role, f.Name, f.Mode, f.Text)), back.Files.Select(f => (f.Role, f.Name, f.Mode, f.Text)));
        Assert.Equal((contents.Created, contents.MadeBy, contents.Instance, contents.ConfigPath), (back.Created, back.MadeBy, back.Instance, back.ConfigPath));
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_survive_the_round_trip()
    {
        var contents = BackupTestData.Contents();
        var config = contents.Config with { Text = "\uFEFF" + contents.Config.Text.Replace("\n", "\r\n", StringComparison.Ordinal) };

        var back = BackupFormat.Parse(Encoding.UTF8.GetBytes(BackupFormat.Serialize(contents with { Config = config })));

        Assert.Equal(config.Bytes, back.Config.Bytes);
    }

    [Fact]
    public void The_bundle_records_each_files_role_plain_name_mode_size_and_hash_and_no_path()
    {
        var json = JsonNode.Parse(Bundle())!.AsObject();

        Assert.Equal(BackupFormat.FormatName, (string?)json["format"]);
        Assert.Equal(BackupFormat.CurrentVersion, (int?)json["version"]);
        var key = File(json, "ca.key");
        Assert.Equal("access", (string?)key["role"]);
        Assert.Equal("0600", (string?)key["mode"]);
        var bytes = Convert.FromBase64String((string)key["content"]!);
        Assert.Equal(bytes.Length, (long?)key["size"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)key["sha256"]);
        Assert.All(Files(json), f => Assert.DoesNotContain('/', (string)f!["name"]!));
    }

    public static TheoryData<string, string, string> HostileFiles => new()
    {
        // name of the case, the file's new name, what the refusal must say
        { "path traversal", "../../root/.ssh/authorized_keys", "climbs out of its directory with '..'" },
        { "parent directory", "..", "climbs out of its directory with '..'" },
        { "absolute path", "/etc/shadow", "is an absolute path" },
        { "a subdirectory", "keys/ca.crt", "holds a '/'" },
        { "Causeway's own marker", ".causeway-owned", "starts with '.'" },
        { "an empty name", "", "the name is empty" },
        { "a control character", "provider\n.ovpn", "control character" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void A_file_name_that_is_not_a_plain_name_is_refused(string @case, string name, string expected)
    {
        var error = Refused(Changed(b => File(b, "provider.auth")["name"] = name));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("provider", problem.Where, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.NotEmpty(@case);
    }

    [Fact]
    public void An_access_file_of_a_name_the_access_directory_never_holds_is_refused()
    {
        var error = Refused(Changed(b => File(b, "last-seen.json")["name"] = "state.json"));

        Assert.Contains("is not a file of the access directory", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_that_does_not_match_is_refused_as_altered()
    {
        var error = Refused(Changed(b =>
        {
            var key = File(b, "ca.key");
            var bytes = Convert.FromBase64String((string)key["content"]!);
            bytes[^5] ^= 1;
            key["content"] = Convert.ToBase64String(bytes);
        }));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("files[2] (\"access\" \"ca.key\")", problem.Where);
        Assert.Contains("SHA-256 does not match its content: altered or damaged", problem.Message, StringComparison.Ordinal);
        Assert.Contains("use an intact copy", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_that_does_not_match_is_refused_as_truncated()
    {
        var error = Refused(Changed(b => File(b, "ca.crt")["size"] = 12));

        Assert.Contains("truncated or altered", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_its_kind_ever_is_refused_before_it_is_decoded()
    {
        var huge = new string('A', (int)(BackupLimits.ConfigMaxBytes / 3 * 4) + 8);

        var error = Refused(Changed(b =>
        {
            var config = File(b, "causeway.toml");
            config["content"] = huge;
            config["size"] = BackupLimits.ConfigMaxBytes + 1;
        }));

        Assert.Contains(error.Problems, p => p.Message.Contains("size 1048577 is out of bounds (at most 1048576 bytes", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("longer than 1048576 bytes can be", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bundle_larger_than_any_backup_is_refused_unread()
    {
        var error = Refused(new byte[BackupLimits.BundleMaxBytes + 1]);

        Assert.Contains("more than a backup ever holds", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_files_than_a_backup_holds_are_refused()
    {
        var error = Refused(Changed(b =>
        {
            for (var i = 0; i < BackupLimits.MaxFiles; i++)
            {
                Files(b).Add(File(b, "provider.auth").DeepClone());
            }
        }));

        Assert.Contains("more than a backup ever holds (32)", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "made by a newer causeway; this one restores version 1: install that version")]
    [InlineData(0, "this causeway restores version 1 only")]
    public void Another_version_is_refused_saying_which(int version, string expected)
    {
        var error = Refused(Changed(b => b["version"] = version));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("version", problem.Where);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_bundle_with_fields_this_one_does_not_know_is_told_by_its_version_not_its_fields()
    {
        var error = Refused(Changed(b =>
        {
            b["version"] = 2;
            b["signature"] = "…";
        }));

        Assert.Contains("newer causeway", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_is_not_a_backup_is_refused_as_such()
    {
        var error = Refused(Encoding.UTF8.GetBytes("""{"clients": []}"""));

        Assert.Contains("not a Causeway backup", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_bundle_is_refused_as_not_json()
    {
        var bundle = Bundle();

        var error = Refused(bundle[..(bundle.Length / 2)]);

        Assert.Contains("is not well-formed JSON", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_file_twice_is_refused()
    {
        var error = Refused(Changed(b => Files(b).Add(File(b, "crl.pem").DeepClone())));

        Assert.Contains("appears twice", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_config_is_refused()
    {
        var error = Refused(Changed(b =>
        {
            JsonNode second = File(b, "causeway.toml").DeepClone();
            second["name"] = "other.toml";
            Files(b).Add(second);
        }));

        Assert.Contains("a second config", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_without_a_config_is_refused()
    {
        var error = Refused(Changed(b => Files(b).Remove(File(b, "causeway.toml"))));

        Assert.Contains("no config file", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_json_property_is_refused_rather_than_one_of_them_believed()
    {
        var text = Encoding.UTF8.GetString(Bundle());
        var twice = text.Replace("\"instance\": \"causeway\",", "\"instance\": \"causeway\",\n  \"instance\": \"other\",", StringComparison.Ordinal);
        Assert.NotEqual(text, twice);

        var error = Refused(Encoding.UTF8.GetBytes(twice));

        Assert.Contains("is not well-formed JSON", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_property_of_a_file_is_refused()
    {
        var error = Refused(Changed(b => File(b, "provider.auth")["target"] = "/etc/shadow"));

        Assert.Contains($"is not a well-formed version 1 backup", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("role", "script", "is none of \"config\", \"access\", \"provider\"")]
    [InlineData("mode", "4755", "is not an octal mode")]
    [InlineData("mode", "rw-------", "is not an octal mode")]
    [InlineData("content", "not base64!", "is not base64")]
    [InlineData("sha256", "ABC", "sha256 is not 64 lowercase hex digits")]
    public void A_malformed_field_is_refused_naming_it(string field, string value, string expected)
    {
        var error = Refused(Changed(b => File(b, "provider.ovpn")[field] = value));

        Assert.Contains(expected, Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_that_is_not_utf8_text_is_refused()
    {
        var error = Refused(Changed(b => SetContent(File(b, "provider.auth"), [0x75, 0xFF, 0xFE, 0x0A])));

        Assert.Contains("is not UTF-8 text", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var error = Refused(Changed(b =>
        {
            File(b, "provider.auth")["name"] = "/etc/shadow";
            File(b, "ca.crt")["size"] = 1;
            b["instance"] = new string('x', BackupLimits.LabelMaxLength + 1);
        }));

        Assert.Equal(3, error.Problems.Count);
        string[] expected = ["files[1] (\"access\" \"ca.crt\")", "files[10] (\"provider\" \"/etc/shadow\")", "instance"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), error.Problems.Select(p => p.Where).Order(StringComparer.Ordinal));
    }
}
