using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using OpsKit.Hosting.Internal;

namespace OpsKit.Health.Internal;

/// <summary>
/// Turns an exception into a failure category and a one-line summary that names the exception type. The summary
/// is redacted by the caller; stack traces never leave the process.
/// </summary>
internal static class HealthErrorClassifier
{
    public static HealthError Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is HealthCheckFailureException failure)
        {
            return new HealthError(failure.Category, ExceptionSummary.Trim(failure.Message));
        }

        return new HealthError(Category(exception), Summary(exception));
    }

    public static string Category(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HealthCheckFailureException failure:
                    return failure.Category;
                case SocketException socket:
                    return SocketCategory(socket.SocketErrorCode);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return HealthErrorCategories.Dns;
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return HealthErrorCategories.Tls;
                case HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden }:
                    return HealthErrorCategories.Auth;
                case HttpRequestException { StatusCode: not null }:
                    return HealthErrorCategories.Status;
                case AuthenticationException:
                    return HealthErrorCategories.Tls;
                case UnauthorizedAccessException:
                    return HealthErrorCategories.Permission;
                case TimeoutException:
                case OperationCanceledException:
                    return HealthErrorCategories.Timeout;
            }

            // PostgreSQL authentication failures (28P01 invalid_password, 28000 invalid_authorization_specification)
            // without a reference to Npgsql: DbException.SqlState is public on the base type.
            if (current is System.Data.Common.DbException { SqlState: "28P01" or "28000" })
            {
                return HealthErrorCategories.Auth;
            }
        }

        return HealthErrorCategories.Exception;
    }

    public static string Summary(Exception exception) => ExceptionSummary.Of(exception);

    private static string SocketCategory(SocketError error) => error switch
    {
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.NoRecovery => HealthErrorCategories.Dns,
        SocketError.TimedOut => HealthErrorCategories.Timeout,
        SocketError.AccessDenied => HealthErrorCategories.Permission,
        _ => HealthErrorCategories.ConnectionRefused,
    };
}
