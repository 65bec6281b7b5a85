namespace Causeway.Core.Management;

/// <summary>`>INFOMSG:text`: pending-auth information, e.g. `WEB_AUTH::https://...` or `CR_TEXT:E,R:Enter PIN`.</summary>
public sealed record InfoMessageEvent(string Text) : ManagementEvent;
