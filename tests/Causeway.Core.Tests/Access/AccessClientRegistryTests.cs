using Causeway.Core.Access;
using Xunit;

namespace Causeway.Core.Tests.Access;

public sealed class AccessClientRegistryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static AccessClientRecord Record(string name, string serial = "4A1F", DateTimeOffset? revoked = null) =>
        new(name, serial, Now, Now.AddYears(5), revoked);

    [Fact]
    public void Adding_keeps_the_order_and_a_taken_name_is_refused_whatever_its_case()
    {
        var registry = AccessClientRegistry.Empty.Add(Record("phone")).Add(Record("laptop", "5B"));

        var error = Assert.Throws<AccessClientException>(() => registry.Add(Record("Phone", "6C")));

        Assert.Equal(["phone", "laptop"], registry.Clients.Select(c => c.Name));
        Assert.StartsWith("there is already a client named \"phone\" (added 2026-03-01 12:00:00Z)", error.Message, StringComparison.Ordinal);
        Assert.Contains("causeway client revoke phone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoking_marks_the_active_client_and_a_revoked_name_may_be_added_again()
    {
        var registry = AccessClientRegistry.Empty.Add(Record("phone", "01"));

        var revoked = registry.Revoke("PHONE", Now.AddDays(1), out var record);
        var again = revoked.Add(Record("phone", "02"));

        Assert.Equal(Now.AddDays(1), record.RevokedAt);
        Assert.Equal("01", record.SerialNumberHex);
        Assert.Null(revoked.FindActive("phone"));
        Assert.Equal("02", again.FindActive("phone")!.SerialNumberHex);
        Assert.Equal(2, again.Clients.Length);
    }

    [Fact]
    public void Revoking_an_unknown_or_revoked_client_says_so()
    {
        var registry = AccessClientRegistry.Empty.Add(Record("phone")).Revoke("phone", Now, out _).Add(Record("laptop", "02"));

        var unknown = Assert.Throws<AccessClientException>(() => registry.Revoke("tablet", Now, out _));
        var twice = Assert.Throws<AccessClientException>(() => registry.Revoke("phone", Now, out _));
        var empty = Assert.Throws<AccessClientException>(() => AccessClientRegistry.Empty.Revoke("tablet", Now, out _));

        Assert.Equal("there is no client named \"tablet\" (clients: laptop)", unknown.Message);
        Assert.Equal("client \"phone\" was already revoked on 2026-03-01 12:00:00Z", twice.Message);
        Assert.Equal("there is no client named \"tablet\" (there are no clients yet)", empty.Message);
    }

    [Fact]
    public void Json_round_trips_with_snake_case_names_and_no_computed_members()
    {
        var registry = AccessClientRegistry.Empty.Add(Record("phone", "0A")).Revoke("phone", Now.AddDays(2), out _).Add(Record("laptop", "0B"));

        var json = registry.ToJson();
        var back = AccessClientRegistry.FromJson(json);

        Assert.Equal(registry.Clients, back.Clients);
        Assert.Contains("\"serial_number_hex\": \"0A\"", json, StringComparison.Ordinal);
        Assert.Contains("\"revoked_at\": \"2026-03-03T12:00:00+00:00\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("is_revoked", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"active\"", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not a client registry")]
    [InlineData("{\"version\": 1}", "missing required properties")]
    [InlineData("{\"version\": 2, \"clients\": []}", "version 2 is not one this Causeway reads")]
    [InlineData("""{"version": 1, "clients": [{"name": "a", "serial_number_hex": "01", "created": "2026-03-01T12:00:00Z", "not_after": "2031-03-01T12:00:00Z", "revoked_at": null}, {"name": "A", "serial_number_hex": "02", "created": "2026-03-01T12:00:00Z", "not_after": "2031-03-01T12:00:00Z", "revoked_at": null}]}""", "\"a\" is active more than once")]
    [InlineData("""{"version": 1, "clients": [{"name": "a"}]}""", "not a client registry")]
    public void Broken_files_say_what_is_wrong(string json, string problem)
    {
        var error = Assert.Throws<FormatException>(() => AccessClientRegistry.FromJson(json));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
