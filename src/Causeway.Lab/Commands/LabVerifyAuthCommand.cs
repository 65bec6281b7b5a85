using System.CommandLine;
using Causeway.Lab.Services;
using Causeway.Linux.Platform;

namespace Causeway.Lab.Commands;

/// <summary>
/// `causeway-lab verify-auth &lt;expected-file&gt; &lt;given-file&gt;` (hidden): the lab provider's
/// `auth-user-pass-verify ... via-file` hook. OpenVPN appends the temp file; exit 0 accepts the client.
/// </summary>
public static class LabVerifyAuthCommand
{
    public static Command Create()
    {
        var expected = new Argument<string>("expected-file") { Description = "The username and password the provider expects." };
        var given = new Argument<string>("given-file") { Description = "The file OpenVPN passes (username and password lines)." };
        var command = new Command("verify-auth", "Check a client's username and password for the lab provider's OpenVPN.") { Hidden = true };
        command.Arguments.Add(expected);
        command.Arguments.Add(given);
        command.SetAction(parse =>
        {
            try
            {
                var accepted = AuthVerifier.Verify(new LinuxFileSystem(), parse.GetValue(expected)!, parse.GetValue(given)!);
                Console.Error.WriteLine(accepted ? "causeway-lab verify-auth: accepted" : "causeway-lab verify-auth: wrong username or password");
                return accepted ? 0 : 1;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"causeway-lab verify-auth: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
