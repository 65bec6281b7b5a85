namespace Causeway.Core.Tests.Management;

/// <summary>
/// Real management-interface output of OpenVPN 2.6.14 (Debian bookworm-security) in network namespaces on this
/// machine, captured while writing the supervisor (the protocol itself: doc/management-notes.txt in OpenVPN's
/// sources). Lines starting with "-> " are what the client sent; every other line is what OpenVPN sent.
/// </summary>
internal static class Transcripts
{
    /// <summary>Client, UDP, literal IP, management-hold, route-nopull (the hold, `state on` and `hold release` sequence).</summary>
    public const string ClientHoldAndState = """
        >INFO:OpenVPN Management Interface Version 5 -- type 'help' for more info
        >HOLD:Waiting for hold release:0
        -> state on all
        SUCCESS: real-time state notification set to ON
        1795594698,CONNECTING,,,,,,
        END
        -> hold release
        SUCCESS: hold release succeeded
        >STATE:1795594704,WAIT,,,,,,
        >STATE:1795594704,AUTH,,,,,,
        >STATE:1795594704,ASSIGN_IP,,10.8.77.2,,,,
        >STATE:1795594704,CONNECTED,SUCCESS,10.8.77.2,10.99.77.1,1194,,
        -> signal SIGUSR1
        SUCCESS: signal SIGUSR1 thrown
        >STATE:1795594716,RECONNECTING,SIGUSR1,,,,,
        >HOLD:Waiting for hold release:1
        """;

    /// <summary>
    /// Causeway's own client config (route-noexec, management-up-down, persist-tun, pull-filter ignore "ping") against
    /// a server pushing redirect-gateway def1 and dhcp-option DNS 10.8.0.1; then the idle tunnel's spurious
    /// ping-restarts, then `signal SIGTERM`. tls_* lines shortened to two.
    /// </summary>
    public const string ClientUpDownAndPingRestart = """
        >INFO:OpenVPN Management Interface Version 5 -- type 'help' for more info
        >HOLD:Waiting for hold release:0
        -> state on all
        -> bytecount 1
        -> hold off
        -> hold release
        SUCCESS: real-time state notification set to ON
        1795599668,CONNECTING,,,,,,
        END
        SUCCESS: bytecount interval changed
        SUCCESS: hold flag set to OFF
        SUCCESS: hold release succeeded
        >STATE:1795599669,WAIT,,,,,,
        >STATE:1795599669,AUTH,,,,,,
        >STATE:1795599669,ASSIGN_IP,,10.8.0.2,,,,
        >UPDOWN:UP
        >UPDOWN:ENV,dev_type=tun
        >UPDOWN:ENV,dev=tuncw0
        >UPDOWN:ENV,tun_mtu=1500
        >UPDOWN:ENV,script_context=init
        >UPDOWN:ENV,route_vpn_gateway=10.8.0.1
        >UPDOWN:ENV,route_net_gateway=0.0.0.0
        >UPDOWN:ENV,ifconfig_netmask=255.255.255.0
        >UPDOWN:ENV,ifconfig_local=10.8.0.2
        >UPDOWN:ENV,foreign_option_1=dhcp-option DNS 10.8.0.1
        >UPDOWN:ENV,common_name=server
        >UPDOWN:ENV,trusted_port=1194
        >UPDOWN:ENV,trusted_ip=10.99.0.1
        >UPDOWN:ENV,untrusted_port=1194
        >UPDOWN:ENV,untrusted_ip=10.99.0.1
        >UPDOWN:ENV,tls_id_0=CN=server
        >UPDOWN:ENV,X509_0_CN=server
        >UPDOWN:ENV,config=client.conf
        >UPDOWN:ENV,verb=3
        >UPDOWN:ENV,daemon=0
        >UPDOWN:ENV,daemon_log_redirect=0
        >UPDOWN:ENV,daemon_start_time=1795599669
        >UPDOWN:ENV,daemon_pid=9304
        >UPDOWN:ENV,proto_1=udp
        >UPDOWN:ENV,remote_1=10.99.0.1
        >UPDOWN:ENV,remote_port_1=1194
        >UPDOWN:ENV,END
        >STATE:1795599669,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,
        >BYTECOUNT:13808,14795
        >STATE:1795599676,RECONNECTING,ping-restart,,,,,
        >STATE:1795599677,WAIT,,,,,,
        >STATE:1795599677,AUTH,,,,,,
        >STATE:1795599677,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,
        -> signal SIGTERM
        SUCCESS: signal SIGTERM thrown
        >UPDOWN:DOWN
        >UPDOWN:ENV,ifconfig_netmask=255.255.255.0
        >UPDOWN:ENV,ifconfig_local=10.8.0.2
        >UPDOWN:ENV,foreign_option_1=dhcp-option DNS 10.8.0.1
        >UPDOWN:ENV,daemon_pid=9304
        >UPDOWN:ENV,END
        >STATE:1795599742,EXITING,SIGTERM,,,,,
        """;

    /// <summary>
    /// The UPDOWN environment when the server pushes dhcp-option DNS/DNS6/DOMAIN *and* the 2.6 `dns` option
    /// (`dns server 0 address 10.8.0.53`, `dns server 1 address 10.8.0.54`, `dns search-domains vpn.example`) and a
    /// route: `--dns` replaced the dhcp-option DNS servers, and is also exported as foreign_option_N.
    /// </summary>
    public const string UpDownWithDnsOption = """
        >UPDOWN:UP
        >UPDOWN:ENV,dev_type=tun
        >UPDOWN:ENV,dev=tuncw0
        >UPDOWN:ENV,tun_mtu=1500
        >UPDOWN:ENV,script_context=init
        >UPDOWN:ENV,route_gateway_1=10.8.0.1
        >UPDOWN:ENV,route_netmask_1=255.255.255.0
        >UPDOWN:ENV,route_network_1=192.168.100.0
        >UPDOWN:ENV,route_vpn_gateway=10.8.0.1
        >UPDOWN:ENV,route_net_gateway=0.0.0.0
        >UPDOWN:ENV,ifconfig_netmask=255.255.255.0
        >UPDOWN:ENV,ifconfig_local=10.8.0.2
        >UPDOWN:ENV,foreign_option_4=dhcp-option DOMAIN-SEARCH vpn.example
        >UPDOWN:ENV,foreign_option_3=dhcp-option DNS 10.8.0.54
        >UPDOWN:ENV,foreign_option_2=dhcp-option DNS 10.8.0.53
        >UPDOWN:ENV,foreign_option_1=dhcp-option DOMAIN corp.example
        >UPDOWN:ENV,dns_server_2_address_1=10.8.0.54
        >UPDOWN:ENV,dns_server_1_address_1=10.8.0.53
        >UPDOWN:ENV,dns_search_domain_1=vpn.example
        >UPDOWN:ENV,common_name=server
        >UPDOWN:ENV,remote_1=10.99.0.1
        >UPDOWN:ENV,remote_port_1=1194
        >UPDOWN:ENV,END
        """;

    /// <summary>Other replies seen on the same client: `state`, `state all on`, `log 3`, `echo all`, `hold`, errors, `version 3` (no reply), `pid`.</summary>
    public const string ClientReplies = """
        -> state
        -> state all on
        -> log 3
        -> echo all
        -> hold
        -> foo
        -> kill x
        -> version 3
        -> pid
        1795600420,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,
        END
        1795600419,CONNECTING,,,,,,
        1795600420,WAIT,,,,,,
        1795600420,AUTH,,,,,,
        1795600420,ASSIGN_IP,,10.8.0.2,,,,
        1795600420,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,
        END
        SUCCESS: real-time state notification set to ON
        1795600424,D,MANAGEMENT: CMD 'state'
        1795600424,D,MANAGEMENT: CMD 'state all on'
        1795600424,D,MANAGEMENT: CMD 'log 3'
        END
        END
        SUCCESS: hold=0
        ERROR: unknown command, enter 'help' for more options
        ERROR: The 'kill' command is not supported by the current daemon mode
        SUCCESS: pid=21119
        """;

    /// <summary>A client's `status`, `pid`, `version` (captured).</summary>
    public const string ClientStatusPidVersion = """
        -> status
        -> pid
        -> version
        OpenVPN STATISTICS
        Updated,2026-11-25 09:42:22
        TUN/TAP read bytes,2484
        TUN/TAP write bytes,2400
        TCP/UDP read bytes,5361
        TCP/UDP write bytes,5467
        Auth read bytes,2400
        END
        SUCCESS: pid=9304
        OpenVPN Version: OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4] [EPOLL] [PKCS11] [MH/PKTINFO] [AEAD] [DCO]
        Management Version: 5
        END
        """;

    /// <summary>Wrong password with management-query-passwords (the >PASSWORD: prompt and the AUTH_FAILED that follows).</summary>
    public const string WrongPassword = """
        >PASSWORD:Need 'Auth' username/password
        -> username "Auth" alice
        SUCCESS: 'Auth' username entered, but not yet verified
        -> password "Auth" wrongpw
        SUCCESS: 'Auth' password entered, but not yet verified
        >STATE:1795594894,WAIT,,,,,,
        >STATE:1795594894,AUTH,,,,,,
        >PASSWORD:Verification Failed: 'Auth'
        >STATE:1795594895,EXITING,auth-failure,,,,,
        """;

    /// <summary>A server with a management socket, a client connecting (captured; tls_* lines shortened).</summary>
    public const string ServerClientEstablished = """
        >INFO:OpenVPN Management Interface Version 5 -- type 'help' for more info
        -> bytecount 1
        -> state on
        SUCCESS: bytecount interval changed
        SUCCESS: real-time state notification set to ON
        >CLIENT:ESTABLISHED,0
        >CLIENT:ENV,n_clients=1
        >CLIENT:ENV,time_unix=1795599748
        >CLIENT:ENV,time_ascii=2026-11-25 09:42:28
        >CLIENT:ENV,ifconfig_pool_netmask=255.255.255.0
        >CLIENT:ENV,ifconfig_pool_remote_ip=10.8.0.2
        >CLIENT:ENV,trusted_port=42395
        >CLIENT:ENV,trusted_ip=10.99.0.2
        >CLIENT:ENV,common_name=client
        >CLIENT:ENV,IV_PROTO=990
        >CLIENT:ENV,IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305
        >CLIENT:ENV,IV_PLAT=linux
        >CLIENT:ENV,IV_VER=2.6.14
        >CLIENT:ENV,untrusted_port=42395
        >CLIENT:ENV,untrusted_ip=10.99.0.2
        >CLIENT:ENV,tls_id_0=CN=client
        >CLIENT:ENV,ifconfig_local=10.8.0.1
        >CLIENT:ENV,dev=tunsrv
        >CLIENT:ENV,redirect_gateway=0
        >CLIENT:ENV,END
        >BYTECOUNT_CLI:0,2114,2199
        >BYTECOUNT_CLI:0,2308,2199
        -> status 2
        -> status 3
        -> status
        -> load-stats
        -> kill client
        TITLE,OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4] [EPOLL] [PKCS11] [MH/PKTINFO] [AEAD] [DCO]
        TIME,2026-11-25 09:42:32,1795599752
        HEADER,CLIENT_LIST,Common Name,Real Address,Virtual Address,Virtual IPv6 Address,Bytes Received,Bytes Sent,Connected Since,Connected Since (time_t),Username,Client ID,Peer ID,Data Channel Cipher
        CLIENT_LIST,client,10.99.0.2:42395,10.8.0.2,,2460,2271,2026-11-25 09:42:28,1795599748,UNDEF,0,0,AES-256-GCM
        HEADER,ROUTING_TABLE,Virtual Address,Common Name,Real Address,Last Ref,Last Ref (time_t)
        ROUTING_TABLE,10.8.0.2,client,10.99.0.2:42395,2026-11-25 09:42:28,1795599748
        GLOBAL_STATS,Max bcast/mcast queue length,1
        GLOBAL_STATS,dco_enabled,0
        END
        TITLE	OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4] [EPOLL] [PKCS11] [MH/PKTINFO] [AEAD] [DCO]
        TIME	2026-11-25 09:42:32	1795599752
        HEADER	CLIENT_LIST	Common Name	Real Address	Virtual Address	Virtual IPv6 Address	Bytes Received	Bytes Sent	Connected Since	Connected Since (time_t)	Username	Client ID	Peer ID	Data Channel Cipher
        CLIENT_LIST	client	10.99.0.2:42395	10.8.0.2		2460	2271	2026-11-25 09:42:28	1795599748	UNDEF	0	0	AES-256-GCM
        HEADER	ROUTING_TABLE	Virtual Address	Common Name	Real Address	Last Ref	Last Ref (time_t)
        ROUTING_TABLE	10.8.0.2	client	10.99.0.2:42395	2026-11-25 09:42:28	1795599748
        GLOBAL_STATS	Max bcast/mcast queue length	1
        GLOBAL_STATS	dco_enabled	0
        END
        OpenVPN CLIENT LIST
        Updated,2026-11-25 09:42:32
        Common Name,Real Address,Bytes Received,Bytes Sent,Connected Since
        client,10.99.0.2:42395,2460,2271,2026-11-25 09:42:28
        ROUTING TABLE
        Virtual Address,Common Name,Real Address,Last Ref
        10.8.0.2,client,10.99.0.2:42395,2026-11-25 09:42:28
        GLOBAL STATS
        Max bcast/mcast queue length,1
        END
        SUCCESS: nclients=1,bytesin=2460,bytesout=2337
        SUCCESS: common name 'client' found, 1 client(s) killed
        -> signal SIGTERM
        SUCCESS: signal SIGTERM thrown
        >STATE:1795599757,EXITING,SIGTERM,,,,,
        """;
}
