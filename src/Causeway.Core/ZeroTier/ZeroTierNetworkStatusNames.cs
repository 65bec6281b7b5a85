namespace Causeway.Core.ZeroTier;

/// <summary>The wire names of <see cref="ZeroTierNetworkStatus"/>, as zerotier-one writes them.</summary>
public static class ZeroTierNetworkStatusNames
{
    public const string RequestingConfiguration = "REQUESTING_CONFIGURATION";
    public const string Ok = "OK";
    public const string AccessDenied = "ACCESS_DENIED";
    public const string NotFound = "NOT_FOUND";
    public const string PortError = "PORT_ERROR";
    public const string ClientTooOld = "CLIENT_TOO_OLD";
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";

    public static ZeroTierNetworkStatus Parse(string? status) => status switch
    {
        RequestingConfiguration => ZeroTierNetworkStatus.RequestingConfiguration,
        Ok => ZeroTierNetworkStatus.Ok,
        AccessDenied => ZeroTierNetworkStatus.AccessDenied,
        NotFound => ZeroTierNetworkStatus.NotFound,
        PortError => ZeroTierNetworkStatus.PortError,
        ClientTooOld => ZeroTierNetworkStatus.ClientTooOld,
        AuthenticationRequired => ZeroTierNetworkStatus.AuthenticationRequired,
        _ => ZeroTierNetworkStatus.Unknown,
    };

    /// <summary>The wire name; throws for <see cref="ZeroTierNetworkStatus.Unknown"/>, which has none.</summary>
    public static string Format(ZeroTierNetworkStatus status) => status switch
    {
        ZeroTierNetworkStatus.RequestingConfiguration => RequestingConfiguration,
        ZeroTierNetworkStatus.Ok => Ok,
        ZeroTierNetworkStatus.AccessDenied => AccessDenied,
        ZeroTierNetworkStatus.NotFound => NotFound,
        ZeroTierNetworkStatus.PortError => PortError,
        ZeroTierNetworkStatus.ClientTooOld => ClientTooOld,
        ZeroTierNetworkStatus.AuthenticationRequired => AuthenticationRequired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no wire name"),
    };
}
