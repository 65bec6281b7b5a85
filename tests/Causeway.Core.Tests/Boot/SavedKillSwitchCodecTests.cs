using System.Text;
using System.Text.Json.Nodes;
using Causeway.Core.Boot;
using Causeway.Core.Tests.Planning;
using CsCheck;
using Xunit;

namespace Causeway.Core.Tests.Boot;

/// <summary>
/// The kill switch `up` saves for `causeway boot`: what it keeps (the config's and the overlay's part, never the
/// tunnel's), and that reading it, which root does at early boot, refuses anything but what `up` writes.
/// </summary>
public sealed class SavedKillSwitchCodecTests
{
    public static TheoryData<string> Worlds => new("uno", "duo", "dinosaur-vm");

    [Theory]
    [MemberData(nameof(Worlds))]
    public void What_is_read_back_plans_exactly_what_was_saved(string world)
    {
        var inputs = BootExamples.World(world);
        var saved = SavedKillSwitchCodec.Write(inputs);

        var read = SavedKillSwitchCodec.Read(Encoding.UTF8.GetBytes(saved));

        Assert.True(read.Succeeded, string.Join("; ", read.Problems));
        Assert.Equal(BootExamples.Describe(BootPlan.For(inputs)), BootExamples.Describe(BootPlan.For(read.Inputs!)));
        Assert.Equal(saved, SavedKillSwitchCodec.Write(read.Inputs!));
    }

    [Fact]
    public void The_tunnels_address_and_state_are_never_saved()
    {
        var connected = SavedKillSwitchCodec.Write(BootExamples.Uno(UnoExample.Connected with { PushedDns = [] }));
        var down = SavedKillSwitchCodec.Write(BootExamples.Uno());

        Assert.Equal(down, connected);
        Assert.DoesNotContain(UnoExample.Connected.LocalAddress!.ToString(), connected, StringComparison.Ordinal);
        Assert.DoesNotContain("usable", connected, StringComparison.Ordinal);
    }

    [Fact]
    public void It_is_the_planners_inputs_as_plain_values_not_a_ruleset()
    {
        var saved = JsonNode.Parse(SavedKillSwitchCodec.Write(BootExamples.Uno()))!.AsObject();

        Assert.Equal(
            ["version", "instance", "clients", "egress", "allowed_lans", "masquerade_lans", "dns", "access"],
            saved.Select(p => p.Key));
        Assert.Equal("zt2nvuuqiv", (string?)saved["clients"]![0]!["device"]);
        Assert.Equal("10.222.0.0/24", (string?)saved["clients"]![0]!["subnets"]![0]);
        Assert.Equal("tuncw0", (string?)saved["egress"]!["device"]);
        Assert.Equal(1320, (int?)saved["egress"]!["mtu"]);
        Assert.Equal("9.9.9.9", (string?)saved["dns"]);
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "version 2", "version 2 is not one this causeway reads" },
        { "an unknown member", "not the JSON `causeway up` writes" },
        { "a missing member", "not the JSON `causeway up` writes" },
        { "a duplicate member", "not the JSON `causeway up` writes" },
        { "a null where a value must be", "not the JSON `causeway up` writes" },
        { "a string where a number must be", "not the JSON `causeway up` writes" },
        { "an instance name with a quote", "instance.name: \"x\" drop\" is not an instance name" },
        { "an nft table named like a keyword", "instance.nft_table: \"counter\" is an nft keyword" },
        { "the main route table", "instance.route_table: 254 is not a table Causeway may own" },
        { "a rule priority of 0", "instance.rule_priority: 0 is outside 1 to 32764" },
        { "two client interfaces", "clients: has 2 entries; `causeway up` saves exactly one" },
        { "no client interface", "clients: has 0 entries" },
        { "a device name with a quote", "clients[0].device: \"zt0\" accept\" is not a valid interface name" },
        { "a device name that is too long", "clients[0].device: \"zt0123456789abcdef\" is 18 characters long" },
        { "a network with host bits", "clients[0].subnets[0]: \"10.222.0.1/24\" has host bits set" },
        { "a network written otherwise", "clients[0].subnets[1]: \"FDCC:CA5E::/64\" is not written as Causeway writes it (\"fdcc:ca5e::/64\")" },
        { "an address with a zone", "clients[0].addresses[1]: \"fe80::1%eth0\" is not an IP address as Causeway writes one" },
        { "an octal address", "clients[0].addresses[0]: \"010.222.0.1\" is not an IP address as Causeway writes one" },
        { "too many subnets", "clients[0].subnets: has 65 entries, more than 64" },
        { "an MTU of 0", "clients[0].mtu: 0 is not an MTU" },
        { "an IPv6 resolver", "dns: \"2001:db8::53\" is not an IPv4 address" },
        { "the egress on a client device", "egress.device: \"zt2nvuuqiv\" is also a client interface" },
        { "a gateway off the overlay's device", "egress.device: \"tuncw0\" is not the overlay's device" },
        { "a LAN that is not a network", "allowed_lans[0]: \"192.168.1.0\" has no prefix length" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Anything_but_what_up_writes_is_refused_saying_what_is_wrong(string tampering, string problem)
    {
        var read = SavedKillSwitchCodec.Read(Tamper(tampering));

        Assert.False(read.Succeeded);
        Assert.Null(read.Inputs);
        Assert.Contains(read.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_said_at_once()
    {
        var read = SavedKillSwitchCodec.Read(BootExamples.Tampered(json =>
        {
            json["instance"]!["route_table"] = 255;
            json["clients"]![0]!["device"] = "a b";
            json["dns"] = "not an address";
        }));

        Assert.Equal(3, read.Problems.Length);
    }

    [Theory]
    [InlineData("tampered access: an IPv6 pool", "access.pool: \"fdcc:ca5e:9::/64\" is not an IPv4 network")]
    [InlineData("tampered access: a clamped device that is no server", "access.clamped_devices: \"tun9\" is not one of access.devices")]
    [InlineData("tampered access: a server outside the pool", "access.server_addresses: 10.10.0.1 is outside the pool 10.9.0.0/24")]
    [InlineData("tampered access: three servers", "access.devices: has 3 entries")]
    public void Access_is_checked_as_well(string tampering, string problem)
    {
        var read = SavedKillSwitchCodec.Read(BootExamples.Tampered(json => TamperAccess(tampering, json["access"]!.AsObject()), BootExamples.Duo()));

        Assert.False(read.Succeeded);
        Assert.Contains(read.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_its_bound_is_refused_unread()
    {
        var huge = new byte[SavedKillSwitchCodec.MaxBytes + 1];
        Array.Fill(huge, (byte)' ');

        var read = SavedKillSwitchCodec.Read(huge);

        Assert.Equal([$"it is {huge.Length} bytes, more than the {SavedKillSwitchCodec.MaxBytes} a saved kill switch ever needs"], read.Problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"kill-switch\"")]
    [InlineData("{\"version\": 1}")]
    [InlineData("{\"version\": 1, \"instance\": {\"name\": {\"name\": {\"name\": {\"name\": {\"name\": {\"name\": {\"name\": {\"name\": 1}}}}}}}}}")]
    public void What_is_not_a_saved_kill_switch_at_all_is_refused(string text)
    {
        var read = SavedKillSwitchCodec.Read(Encoding.UTF8.GetBytes(text));

        Assert.False(read.Succeeded);
        Assert.NotEmpty(read.Problems);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_refused()
    {
        var bytes = BootExamples.Tampered(json => json["instance"]!["name"] = "QQQ");
        var at = Encoding.UTF8.GetString(bytes).IndexOf("QQQ", StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var read = SavedKillSwitchCodec.Read(bytes);

        Assert.False(read.Succeeded);
    }

    [Fact]
    public void No_corruption_of_a_saved_file_makes_the_reader_throw_and_what_it_accepts_plans()
    {
        var saved = Encoding.UTF8.GetBytes(SavedKillSwitchCodec.Write(BootExamples.Duo()));
        Gen.Select(Gen.Int[0, saved.Length - 1].Array[1, 4], Gen.Byte.Array[4], Gen.Int[0, saved.Length]).Sample((positions, values, length) =>
        {
            var corrupt = saved[..length];
            for (var i = 0; i < positions.Length; i++)
            {
                if (positions[i] < corrupt.Length)
                {
                    corrupt[positions[i]] = values[i];
                }
            }

            var read = SavedKillSwitchCodec.Read(corrupt);
            if (read.Succeeded)
            {
                // Accepted: then it is plannable as it is, and says the same once written again.
                Assert.NotEmpty(BootPlan.For(read.Inputs!).Changes);
                Assert.True(SavedKillSwitchCodec.Read(Encoding.UTF8.GetBytes(SavedKillSwitchCodec.Write(read.Inputs!))).Succeeded);
            }
            else
            {
                Assert.NotEmpty(read.Problems);
            }
        });
    }

    private static byte[] Tamper(string tampering)
    {
        if (tampering == "a duplicate member")
        {
            var text = SavedKillSwitchCodec.Write(BootExamples.Uno());
            return Encoding.UTF8.GetBytes(text.Replace("\"dns\":", "\"dns\": \"1.1.1.1\", \"dns\":", StringComparison.Ordinal));
        }

        return BootExamples.Tampered(json =>
        {
            var client = json["clients"]![0]!.AsObject();
            switch (tampering)
            {
                case "version 2": json["version"] = 2; break;
                case "an unknown member": json["nft_script"] = "flush ruleset"; break;
                case "a missing member": json.Remove("egress"); break;
                case "a null where a value must be": json["clients"] = null; break;
                case "a string where a number must be": json["instance"]!["route_table"] = "7270"; break;
                case "an instance name with a quote": json["instance"]!["name"] = "x\" drop"; break;
                case "an nft table named like a keyword": json["instance"]!["nft_table"] = "counter"; break;
                case "the main route table": json["instance"]!["route_table"] = 254; break;
                case "a rule priority of 0": json["instance"]!["rule_priority"] = 0; break;
                case "two client interfaces": json["clients"]!.AsArray().Add(client.DeepClone()); break;
                case "no client interface": json["clients"] = new JsonArray(); break;
                case "a device name with a quote": client["device"] = "zt0\" accept"; break;
                case "a device name that is too long": client["device"] = "zt0123456789abcdef"; break;
                case "a network with host bits": client["subnets"]![0] = "10.222.0.1/24"; break;
                case "a network written otherwise": client["subnets"]![1] = "FDCC:CA5E::/64"; break;
                case "an address with a zone": client["addresses"]![1] = "fe80::1%eth0"; break;
                case "an octal address": client["addresses"]![0] = "010.222.0.1"; break;
                case "too many subnets": client["subnets"] = new JsonArray([.. Enumerable.Range(0, 65).Select(i => (JsonNode)$"10.{i}.0.0/16")]); break;
                case "an MTU of 0": client["mtu"] = 0; break;
                case "an IPv6 resolver": json["dns"] = "2001:db8::53"; break;
                case "the egress on a client device": json["egress"]!["device"] = "zt2nvuuqiv"; break;
                case "a gateway off the overlay's device": json["egress"]!["gateway"] = "10.222.0.5"; break;
                case "a LAN that is not a network": json["allowed_lans"]![0] = "192.168.1.0"; break;
                default: throw new ArgumentOutOfRangeException(nameof(tampering), tampering, "no such tampering");
            }
        });
    }

    private static void TamperAccess(string tampering, JsonObject access)
    {
        switch (tampering)
        {
            case "tampered access: an IPv6 pool": access["pool"] = "fdcc:ca5e:9::/64"; break;
            case "tampered access: a clamped device that is no server": access["clamped_devices"] = new JsonArray("tun9"); break;
            case "tampered access: a server outside the pool": access["server_addresses"]![0] = "10.10.0.1"; break;
            case "tampered access: three servers":
                var devices = access["devices"]!.AsArray();
                devices.Add(devices[0]!.DeepClone());
                break;
            default: throw new ArgumentOutOfRangeException(nameof(tampering), tampering, "no such tampering");
        }
    }
}
