namespace Causeway.Core.Management;

public enum PasswordEventKind
{
    /// <summary>`Need 'Auth' username/password`, `Need 'Private Key' password` (possibly with `SC:flag,text`).</summary>
    Need,

    /// <summary>`Verification Failed: 'Auth'`: the credentials (or key passphrase) were rejected.</summary>
    VerificationFailed,

    /// <summary>`Auth-Token:token`: the server pushed an auth token.</summary>
    AuthToken,

    /// <summary>Anything else after `>PASSWORD:`.</summary>
    Other,
}
