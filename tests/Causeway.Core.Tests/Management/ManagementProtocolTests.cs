using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Management;
using Xunit;

namespace Causeway.Core.Tests.Management;

public sealed class ManagementProtocolTests
{
    [Fact]
    public void Greeting_hold_and_states_of_the_reference_transcript()
    {
        var replay = new TranscriptReplay(Transcripts.ClientHoldAndState);

        Assert.Equal(5, replay.Protocol.ManagementVersion);
        var events = replay.Events.ToList();
        var greeting = Assert.IsType<InfoEvent>(events[0]);
        Assert.Equal(5, greeting.ManagementVersion);
        Assert.Equal(new HoldEvent("Waiting for hold release:0", 0), events[1]);
        Assert.Equal(
            ["WAIT", "AUTH", "ASSIGN_IP", "CONNECTED", "RECONNECTING"],
            events.OfType<StateEvent>().Select(s => s.Entry.Name));
        Assert.Equal(1, Assert.IsType<HoldEvent>(events[^1]).WaitSeconds);
        Assert.Equal(0, replay.Protocol.PendingReplies);
        Assert.DoesNotContain(replay.Events, e => e is UnexpectedLineEvent);
    }

    [Fact]
    public void State_on_all_answers_a_success_line_and_then_the_history_block()
    {
        var replay = new TranscriptReplay(Transcripts.ClientHoldAndState);

        var reply = replay.ReplyTo("state on all");
        Assert.True(reply.IsSuccess);
        Assert.Equal("real-time state notification set to ON", reply.Message);
        Assert.Equal(["1795594698,CONNECTING,,,,,,"], reply.Lines);
        Assert.Equal("hold release succeeded", replay.ReplyTo("hold release").Message);
        Assert.Equal("signal SIGUSR1 thrown", replay.ReplyTo("signal SIGUSR1").Message);
    }

    [Fact]
    public void Pipelined_commands_get_their_own_replies_in_order()
    {
        var replay = new TranscriptReplay(Transcripts.ClientUpDownAndPingRestart);

        Assert.Equal(
            ["state on all", "bytecount 1", "hold off", "hold release", "signal SIGTERM"],
            replay.Replies.Select(r => r.Command));
        Assert.Equal("bytecount interval changed", replay.ReplyTo("bytecount 1").Message);
        Assert.Equal("hold flag set to OFF", replay.ReplyTo("hold off").Message);
        Assert.All(replay.Replies, r => Assert.True(r.Reply.IsSuccess));
        Assert.DoesNotContain(replay.Events, e => e is UnexpectedLineEvent);
    }

    [Fact]
    public void An_updown_block_becomes_one_event_with_its_environment()
    {
        var replay = new TranscriptReplay(Transcripts.ClientUpDownAndPingRestart);

        var blocks = replay.Events.OfType<UpDownEvent>().ToList();
        Assert.Equal(2, blocks.Count);
        var up = blocks[0];
        Assert.True(up.IsUp);
        Assert.Equal("10.8.0.1", up.Environment["route_vpn_gateway"]);
        Assert.Equal("dhcp-option DNS 10.8.0.1", up.Environment["foreign_option_1"]);
        Assert.Equal("CN=server", up.Environment["tls_id_0"]);
        Assert.Equal(25, up.Environment.Count);
        Assert.False(blocks[1].IsUp);

        // The block arrives whole, between ASSIGN_IP and CONNECTED.
        var names = replay.Events.Select(e => e switch
        {
            StateEvent s => s.Entry.Name,
            UpDownEvent u => u.IsUp ? "UP" : "DOWN",
            _ => null,
        }).OfType<string>().ToList();
        Assert.Equal(
            ["WAIT", "AUTH", "ASSIGN_IP", "UP", "CONNECTED", "RECONNECTING", "WAIT", "AUTH", "CONNECTED", "DOWN", "EXITING"],
            names);
    }

    [Fact]
    public void Byte_counts_and_reconnect_reasons()
    {
        var replay = new TranscriptReplay(Transcripts.ClientUpDownAndPingRestart);

        Assert.Equal(new ByteCountEvent(13808, 14795), Assert.Single(replay.Events.OfType<ByteCountEvent>()));
        var reasons = replay.Events.OfType<StateEvent>()
            .Where(s => s.Entry.State is OpenVpnState.Reconnecting or OpenVpnState.Exiting)
            .Select(s => s.Entry.Detail);
        Assert.Equal(["ping-restart", "SIGTERM"], reasons);
    }

    [Fact]
    public void Every_reply_form_of_a_client()
    {
        var replay = new TranscriptReplay(Transcripts.ClientReplies);

        Assert.Equal(["1795600420,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,"], replay.ReplyTo("state").Lines);
        var stateAllOn = replay.ReplyTo("state all on");
        Assert.Equal(5, stateAllOn.Lines.Length);
        Assert.Equal("real-time state notification set to ON", stateAllOn.Message);
        Assert.Equal(3, replay.ReplyTo("log 3").Lines.Length);
        Assert.Empty(replay.ReplyTo("echo all").Lines);
        Assert.Equal("hold=0", replay.ReplyTo("hold").Message);
        var unknown = replay.ReplyTo("foo");
        Assert.False(unknown.IsSuccess);
        Assert.Equal("unknown command, enter 'help' for more options", unknown.Message);
        Assert.False(replay.ReplyTo("kill x").IsSuccess);

        // `version 3` answers nothing in 2.6, so `pid` gets its own answer, not the version's.
        Assert.Equal("pid=21119", replay.ReplyTo("pid").Message);
        Assert.DoesNotContain(replay.Replies, r => r.Command == "version 3");
        Assert.Equal(0, replay.Protocol.PendingReplies);
    }

    [Fact]
    public void Status_pid_and_version_blocks()
    {
        var replay = new TranscriptReplay(Transcripts.ClientStatusPidVersion);

        Assert.Equal(7, replay.ReplyTo("status").Lines.Length);
        Assert.Equal("pid=9304", replay.ReplyTo("pid").Message);
        Assert.Equal("Management Version: 5", replay.ReplyTo("version").Lines[1]);
    }

    [Fact]
    public void Password_need_and_verification_failure()
    {
        var replay = new TranscriptReplay(Transcripts.WrongPassword);

        var passwords = replay.Events.OfType<PasswordEvent>().ToList();
        Assert.Equal(PasswordEventKind.Need, passwords[0].Kind);
        Assert.Equal("Auth", passwords[0].Realm);
        Assert.True(passwords[0].NeedsUsername);
        Assert.Equal(PasswordEventKind.VerificationFailed, passwords[1].Kind);
        Assert.Equal("Auth", passwords[1].Realm);
        Assert.True(passwords[1].IsAuthFailure);
        Assert.Equal("auth-failure", replay.Events.OfType<StateEvent>().Last().Entry.Detail);
        Assert.Equal("'Auth' password entered, but not yet verified", replay.ReplyTo("password \"Auth\" wrongpw").Message);
    }

    [Theory]
    [InlineData("Need 'Private Key' password", PasswordEventKind.Need, "Private Key", false, null)]
    [InlineData("Verification Failed: 'Private Key'", PasswordEventKind.VerificationFailed, "Private Key", false, null)]
    [InlineData("Verification Failed: 'custom server-generated string'", PasswordEventKind.VerificationFailed, "custom server-generated string", false, null)]
    [InlineData("Auth-Token:foobar", PasswordEventKind.AuthToken, "Auth", false, null)]
    [InlineData("Need 'Auth' username/password SC:1,Please enter token PIN", PasswordEventKind.Need, "Auth", true, "1,Please enter token PIN")]
    public void Password_forms(string payload, PasswordEventKind kind, string realm, bool needsUsername, string? challenge)
    {
        var parsed = Assert.IsType<PasswordEvent>(Assert.Single(new ManagementProtocol().Feed(">PASSWORD:" + payload)));

        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(realm, parsed.Realm);
        Assert.Equal(needsUsername, parsed.NeedsUsername);
        Assert.Equal(challenge, parsed.StaticChallenge);
        Assert.Equal(payload, parsed.Text);
    }

    [Fact]
    public void Dynamic_challenge_keeps_the_whole_text()
    {
        const string payload = "Verification Failed: 'Auth' ['CRV1:R,E:Om01u7Fh4LrGBS7uh0SWmzwabUiGiW6l:Y3Ix:Please enter token PIN']";

        var parsed = Assert.IsType<PasswordEvent>(Assert.Single(new ManagementProtocol().Feed(">PASSWORD:" + payload)));

        Assert.Equal(PasswordEventKind.VerificationFailed, parsed.Kind);
        Assert.Equal("Auth", parsed.Realm);
        Assert.Contains("CRV1:R,E:Om01u7Fh4LrGBS7uh0SWmzwabUiGiW6l", parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_client_notice_becomes_one_event_and_per_client_byte_counts()
    {
        var replay = new TranscriptReplay(Transcripts.ServerClientEstablished);

        var client = Assert.Single(replay.Events.OfType<ClientEvent>());
        Assert.Equal(ClientEventKind.Established, client.Kind);
        Assert.Equal(0, client.ClientId);
        Assert.Equal("client", client.CommonName);
        Assert.Equal("10.8.0.2", client.Environment["ifconfig_pool_remote_ip"]);
        Assert.Equal("2026-11-25 09:42:28", client.Environment["time_ascii"]);
        Assert.Equal(
            [new ClientByteCountEvent(0, 2114, 2199), new ClientByteCountEvent(0, 2308, 2199)],
            replay.Events.OfType<ClientByteCountEvent>());
        Assert.Equal("nclients=1,bytesin=2460,bytesout=2337", replay.ReplyTo("load-stats").Message);
        Assert.Equal("common name 'client' found, 1 client(s) killed", replay.ReplyTo("kill client").Message);
        Assert.Equal(8, replay.ReplyTo("status 3").Lines.Length);
        Assert.Equal(9, replay.ReplyTo("status").Lines.Length);
        Assert.DoesNotContain(replay.Events, e => e is UnexpectedLineEvent);
    }

    [Fact]
    public void Client_auth_notices_with_key_ids_addresses_and_disconnects()
    {
        var replay = new TranscriptReplay("""
            >CLIENT:CONNECT,7,2
            >CLIENT:ENV,common_name=phone
            >CLIENT:ENV,username=alice
            >CLIENT:ENV,END
            >CLIENT:REAUTH,7,3
            >CLIENT:ENV,END
            >CLIENT:ADDRESS,7,10.8.0.6,1
            >CLIENT:CR_RESPONSE,7,3,MTIzNDU2
            >CLIENT:ENV,END
            >CLIENT:DISCONNECT,7
            >CLIENT:ENV,bytes_received=1000
            >CLIENT:ENV,bytes_sent=2000
            >CLIENT:ENV,END
            """);

        var events = replay.Events.Cast<ClientEvent>().ToList();
        Assert.Equal(
            [ClientEventKind.Connect, ClientEventKind.Reauth, ClientEventKind.Address, ClientEventKind.CrResponse, ClientEventKind.Disconnect],
            events.Select(e => e.Kind));
        Assert.Equal((7L, 2L, "alice"), (events[0].ClientId, events[0].KeyId!.Value, events[0].Environment["username"]));
        Assert.Equal(3, events[1].KeyId);
        Assert.Equal(("10.8.0.6", true), (events[2].Address, events[2].IsPrimary!.Value));
        Assert.Empty(events[2].Environment);
        Assert.Equal("MTIzNDU2", events[3].Response);
        Assert.Equal("2000", events[4].Environment["bytes_sent"]);
    }

    [Fact]
    public void Events_between_a_command_and_its_reply_do_not_disturb_it()
    {
        var protocol = new ManagementProtocol();
        protocol.ExpectReply(ManagementCommands.ShapeOf("status"));

        var messages = new[]
        {
            "OpenVPN STATISTICS",
            ">BYTECOUNT:1,2",
            "Updated,2026-11-25 09:42:22",
            ">STATE:1795599676,RECONNECTING,ping-restart,,,,,",
            "END",
        }.SelectMany(protocol.Feed).ToList();

        Assert.IsType<ByteCountEvent>(messages[0]);
        Assert.IsType<StateEvent>(messages[1]);
        var reply = Assert.IsType<ManagementReply>(messages[2]);
        Assert.Equal(["OpenVPN STATISTICS", "Updated,2026-11-25 09:42:22"], reply.Lines);
    }

    [Fact]
    public void A_refused_block_command_answers_one_error_line()
    {
        var protocol = new ManagementProtocol();
        protocol.ExpectReply(ManagementCommands.ShapeOf("status 9"));
        protocol.ExpectReply(ManagementCommands.ShapeOf("pid"));

        var replies = new[] { "ERROR: status: bad format", "SUCCESS: pid=1" }
            .SelectMany(protocol.Feed).Cast<ManagementReply>().ToList();

        Assert.False(replies[0].IsSuccess);
        Assert.Equal("status: bad format", replies[0].Message);
        Assert.True(replies[1].IsSuccess);
    }

    [Fact]
    public void Single_line_events()
    {
        var protocol = new ManagementProtocol();
        var messages = new[]
        {
            ">LOG:1795594704,I,Initialization Sequence Completed, with commas",
            ">LOG:1795594704,,no flags",
            ">FATAL:ERROR: Cannot ioctl TUNSETIFF vpn-provider: Invalid argument (errno=22)",
            ">ECHO:1101519562,forget-passwords",
            ">INFOMSG:WEB_AUTH::https://auth.example/x",
            ">NEED-OK:Need 'token-insertion-request' confirmation MSG:Please insert your cryptographic token",
            ">INFO:some other information",
        }.SelectMany(protocol.Feed).ToList();

        var log = Assert.IsType<LogEvent>(messages[0]).Entry;
        Assert.Equal(("I", "Initialization Sequence Completed, with commas"), (log.Flags, log.Text));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795594704), log.Time);
        Assert.Equal(("", "no flags"), (Assert.IsType<LogEvent>(messages[1]).Entry.Flags, ((LogEvent)messages[1]).Entry.Text));
        Assert.Equal(
            "ERROR: Cannot ioctl TUNSETIFF vpn-provider: Invalid argument (errno=22)",
            Assert.IsType<FatalEvent>(messages[2]).Text);
        Assert.Equal(new EchoEvent(DateTimeOffset.FromUnixTimeSeconds(1101519562), "forget-passwords"), messages[3]);
        Assert.Equal(new InfoMessageEvent("WEB_AUTH::https://auth.example/x"), messages[4]);
        var other = Assert.IsType<OtherEvent>(messages[5]);
        Assert.Equal("NEED-OK", other.Type);
        Assert.Equal(new InfoEvent("some other information", null), messages[6]);
        Assert.Equal(5, protocol.ManagementVersion);
    }

    [Fact]
    public void The_2_7_greeting_sets_management_version_6_and_version_n_then_expects_a_reply()
    {
        var protocol = new ManagementProtocol();
        protocol.Feed(">INFO:OpenVPN Management Interface Version 6 -- type 'help' for more info");

        Assert.Equal(6, protocol.ManagementVersion);
        Assert.Equal(ReplyShape.SingleLine, ManagementCommands.ShapeOf("version 4", protocol.ManagementVersion));
        Assert.Equal(ReplyShape.None, ManagementCommands.ShapeOf("version 4", 5));
    }

    [Fact]
    public void Password_prompt_of_a_protected_socket()
    {
        var protocol = new ManagementProtocol();

        Assert.IsType<PasswordPromptEvent>(Assert.Single(protocol.Feed(ManagementLineSplitter.PasswordPrompt)));
        protocol.ExpectReply(ReplyShape.SingleLine);
        var reply = Assert.IsType<ManagementReply>(Assert.Single(protocol.Feed("SUCCESS: password is correct")));
        Assert.Equal("password is correct", reply.Message);
    }

    [Fact]
    public void Lines_that_fit_nothing_are_reported_not_dropped()
    {
        var protocol = new ManagementProtocol();

        var messages = new[] { "SUCCESS: nobody asked", ">UPDOWN:ENV,dev=tun0", ">CLIENT:ENV,a=b", ">STATE:garbage", ">BYTECOUNT:1" }
            .SelectMany(protocol.Feed).ToList();

        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.IsType<UnexpectedLineEvent>(m));
    }

    [Fact]
    public void A_block_cut_short_by_another_line_is_given_out_and_the_line_still_counts()
    {
        var protocol = new ManagementProtocol();

        var messages = new[] { ">UPDOWN:UP", ">UPDOWN:ENV,dev=tuncw0", ">STATE:1795599669,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,," }
            .SelectMany(protocol.Feed).ToList();

        var up = Assert.IsType<UpDownEvent>(messages[0]);
        Assert.Equal("tuncw0", up.Environment["dev"]);
        Assert.IsType<StateEvent>(messages[1]);
    }

    [Fact]
    public void Close_gives_out_a_half_block_and_counts_the_abandoned_commands()
    {
        var protocol = new ManagementProtocol();
        protocol.ExpectReply(ReplyShape.SingleLine);
        protocol.ExpectReply(ReplyShape.MultiLine);
        protocol.Feed(">CLIENT:ESTABLISHED,3");
        protocol.Feed(">CLIENT:ENV,common_name=x");

        var (flushed, abandoned) = protocol.Close();

        Assert.Equal(2, abandoned);
        Assert.Equal("x", Assert.IsType<ClientEvent>(Assert.Single(flushed)).CommonName);
        Assert.Equal(0, protocol.PendingReplies);
    }

    [Fact]
    public void Env_values_keep_their_equals_signs_and_commas()
    {
        var up = Assert.IsType<UpDownEvent>(new[] { ">UPDOWN:UP", ">UPDOWN:ENV,tls_id_0=CN=server,O=x", ">UPDOWN:ENV,empty=", ">UPDOWN:ENV,END" }
            .SelectMany(new ManagementProtocol().Feed).Single());

        Assert.Equal(ImmutableDictionary<string, string>.Empty.Add("tls_id_0", "CN=server,O=x").Add("empty", ""), up.Environment);
        Assert.Equal(IPAddress.Parse("10.8.0.1"), new TranscriptReplay(Transcripts.ClientUpDownAndPingRestart)
            .Events.OfType<UpDownEvent>().First().PushedOptions.VpnGateway);
    }
}
