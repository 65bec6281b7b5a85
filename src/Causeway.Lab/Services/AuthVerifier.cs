using System.Security.Cryptography;
using System.Text;
using Causeway.Engine.Seams;

namespace Causeway.Lab.Services;

/// <summary>
/// `causeway-lab verify-auth &lt;expected&gt; &lt;given&gt;`: the provider's `auth-user-pass-verify ... via-file` hook.
/// OpenVPN passes a temp file holding the client's username and password lines; exit 0 accepts the client.
/// </summary>
public static class AuthVerifier
{
    public static bool Verify(IFileSystem files, string expectedPath, string givenPath)
    {
        var expected = Credentials(files.ReadAllText(expectedPath));
        var given = Credentials(files.ReadAllText(givenPath));
        // Fixed-time, like a real server would: the lab's verifier should not be the example of how not to.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
    }

    /// <summary>"username\npassword", whatever the line endings and trailing lines.</summary>
    private static string Credentials(string text)
    {
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        return $"{lines[0]}\n{(lines.Length > 1 ? lines[1] : string.Empty)}";
    }
}
