using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using OpsKit.Health;
using OpsKit.Health.Internal;

namespace OpsKit.Tests.Health;

public sealed class HealthErrorClassifierTests
{
    public static TheoryData<Exception, string> Cases => new()
    {
        { new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), HealthErrorCategories.ConnectionRefused },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), HealthErrorCategories.Dns },
        { new SocketException((int)SocketError.HostNotFound), HealthErrorCategories.Dns },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "ssl", new AuthenticationException("bad cert")), HealthErrorCategories.Tls },
        { new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable), HealthErrorCategories.Status },
        { new HttpRequestException("401", null, HttpStatusCode.Unauthorized), HealthErrorCategories.Auth },
        { new UnauthorizedAccessException("Access to the path '/data' is denied."), HealthErrorCategories.Permission },
        { new TimeoutException(), HealthErrorCategories.Timeout },
        { new InvalidOperationException("wrapped", new TaskCanceledException()), HealthErrorCategories.Timeout },
        { new HealthCheckFailureException(HealthErrorCategories.PoolExhausted, "pool"), HealthErrorCategories.PoolExhausted },
        { new InvalidOperationException("boom"), HealthErrorCategories.Exception },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exceptions_map_to_their_category(Exception exception, string category)
    {
        Assert.Equal(category, HealthErrorClassifier.Classify(exception).Category);
    }

    [Fact]
    public void Summary_names_the_exception_type_and_the_root_cause_on_one_line()
    {
        var exception = new HttpRequestException("Connection refused (127.0.0.1:1)\n   at Some.Stack()", new SocketException((int)SocketError.ConnectionRefused));
        var error = HealthErrorClassifier.Classify(exception);
        Assert.Equal("HttpRequestException: Connection refused (127.0.0.1:1)", error.Message);
    }
}
