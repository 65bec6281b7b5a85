namespace Causeway.Engine.Access;

/// <summary>One access server's config as it would be written now, and how to start (or take over) the server.</summary>
/// <param name="Text">The config file's exact content: a running server is taken over only if its file holds this.</param>
public sealed record AccessServerConfig(AccessServerLaunch Launch, string Text);
