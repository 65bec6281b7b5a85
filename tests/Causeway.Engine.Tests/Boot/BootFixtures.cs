using System.Net;
using System.Text;
using Causeway.Core.Boot;
using Causeway.Core.Planning;
using Causeway.Engine.Boot;

namespace Causeway.Engine.Tests.Boot;

/// <summary>A small saved kill switch (one overlay, IPv4, no LAN) and where the store keeps it.</summary>
internal static class BootFixtures
{
    public const string StateDirectory = "/var/lib/causeway";
    public const string Directory = "/var/lib/causeway/boot";
    public const string File = "/var/lib/causeway/boot/kill-switch.json";
    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode0700 = Mode0600 | UnixFileMode.UserExecute;

    public static PlanningInputs Inputs { get; } = new(
        new OwnedNames("causeway", "causeway", 7270, 7270),
        [new ClientInterface("zt0", [IPNetwork.Parse("10.222.0.0/24")], [IPAddress.Parse("10.222.0.1")])],
        new Egress("tuncw0", Usable: false),
        [],
        MasqueradeLans: true,
        IPAddress.Parse("9.9.9.9"));

    public static string Json => SavedKillSwitchCodec.Write(Inputs);

    /// <summary>What `up` leaves: the state directory, the boot directory (0700) and the file (0600), root's.</summary>
    public static InMemoryFileSystem Saved(string? json = null, UnixFileMode fileMode = Mode0600, UnixFileMode directoryMode = Mode0700, int owner = 0) =>
        new InMemoryFileSystem()
            .AddDirectory(StateDirectory, Mode0700)
            .AddDirectory(Directory, directoryMode, owner)
            .AddFile(File, Encoding.UTF8.GetBytes(json ?? Json), fileMode, owner);

    public static BootKillSwitchStore Store(InMemoryFileSystem files) => new(files, StateDirectory);
}
