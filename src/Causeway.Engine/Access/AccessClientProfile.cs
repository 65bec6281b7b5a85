using Causeway.Core.Access;

namespace Causeway.Engine.Access;

/// <summary>A newly added client: its record, and its profile (the .ovpn text, which holds its private key).</summary>
public sealed record AccessClientProfile(AccessClientRecord Record, string Text)
{
    public string Name => Record.Name;

    /// <summary>Never prints the profile: it holds a private key.</summary>
    public override string ToString() => $"AccessClientProfile {{ Name = {Name}, Serial = {Record.SerialNumberHex} }}";
}
