namespace Causeway.Core.Management;

/// <summary>`>PASSWORD:...`: credentials are needed, or were rejected.</summary>
/// <param name="Realm">What the quotes name: `Auth`, `Private Key`, or a server's `client-deny` text.</param>
/// <param name="Text">The whole payload after `>PASSWORD:`.</param>
/// <param name="NeedsUsername">For <see cref="PasswordEventKind.Need"/>: "username/password" rather than "password".</param>
/// <param name="StaticChallenge">The `SC:flag,text` part of a static challenge, if any.</param>
public sealed record PasswordEvent(
    PasswordEventKind Kind,
    string Realm,
    string Text,
    bool NeedsUsername = false,
    string? StaticChallenge = null) : ManagementEvent
{
    public bool IsAuthFailure => Kind == PasswordEventKind.VerificationFailed;

    public static PasswordEvent Parse(string payload)
    {
        const string need = "Need ";
        const string failed = "Verification Failed: ";
        const string token = "Auth-Token:";
        if (payload.StartsWith(failed, StringComparison.Ordinal))
        {
            return new PasswordEvent(PasswordEventKind.VerificationFailed, Quoted(payload[failed.Length..]), payload);
        }

        if (payload.StartsWith(need, StringComparison.Ordinal))
        {
            var rest = payload[need.Length..];
            var realm = Quoted(rest);
            var challengeAt = rest.IndexOf(" SC:", StringComparison.Ordinal);
            var challenge = challengeAt < 0 ? null : rest[(challengeAt + 4)..];
            var needsUsername = rest.Contains("username/password", StringComparison.Ordinal);
            return new PasswordEvent(PasswordEventKind.Need, realm, payload, needsUsername, challenge);
        }

        return payload.StartsWith(token, StringComparison.Ordinal)
            ? new PasswordEvent(PasswordEventKind.AuthToken, "Auth", payload)
            : new PasswordEvent(PasswordEventKind.Other, string.Empty, payload);
    }

    /// <summary>The text between the first pair of single quotes, else the text itself.</summary>
    private static string Quoted(string text)
    {
        var open = text.IndexOf('\'', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.IndexOf('\'', open + 1);
        return close < 0 ? text.Trim() : text[(open + 1)..close];
    }
}
