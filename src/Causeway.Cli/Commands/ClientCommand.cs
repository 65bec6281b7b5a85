using System.CommandLine;

namespace Causeway.Cli.Commands;

/// <summary>`causeway client add | list | revoke`: the access servers' clients (Duo, [access]).</summary>
public static class ClientCommand
{
    public static Command Create() => new("client", "Manage the access servers' clients ([access]): one profile per phone or laptop")
    {
        ClientAddCommand.Create(),
        ClientListCommand.Create(),
        ClientRevokeCommand.Create(),
    };
}
