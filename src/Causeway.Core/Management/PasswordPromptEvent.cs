namespace Causeway.Core.Management;

/// <summary>
/// `ENTER PASSWORD:` (no newline, no `>`): the socket is protected by a password file and wants its password
/// before anything else.
/// </summary>
public sealed record PasswordPromptEvent : ManagementEvent;
