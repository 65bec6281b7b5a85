namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// One kind of bad input for `causeway up`: how to make it in a <see cref="BadInputWorld"/>, who runs the binary,
/// and the one error line it must cause.
/// </summary>
/// <param name="Arrange">Writes what the case needs and returns the config path to pass with -c.</param>
/// <param name="Location">
/// How the error line must begin, e.g. "/tmp/…/causeway.toml:7:13: error: " (the file, line and column to fix).
/// </param>
/// <param name="Expected">Fragments the error line must hold: what is wrong, and what to do.</param>
public sealed record BadInputCase(
    string Name,
    Func<BadInputWorld, string> Arrange,
    RunAs RunAs,
    Func<BadInputWorld, string> Location,
    IReadOnlyList<string> Expected)
{
    public override string ToString() => Name;
}
