using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace OpsKit.Sample.CachingProxy.Tests;

/// <summary>An artefact path with control characters (a decoded %0A, an ANSI escape) is a client mistake: 400, never forwarded, logged escaped.</summary>
public sealed class ControlCharacterTests
{
    [Theory]
    [InlineData("/artifacts/apache/files/a%0Ainfo%3A%20forged.jar", @"files/a\ninfo: forged.jar")]
    [InlineData("/artifacts/apache/files/%1B%5B2Jcleared.jar", @"files/\u001B[2Jcleared.jar")]
    public async Task A_path_with_control_characters_is_400_without_reaching_the_backend_and_is_logged_escaped(string requestPath, string logged)
    {
        await using var stub = await ArtifactStub.StartAsync();
        await using var proxy = await ProxyHost.StartAsync(stub.Url, configure: builder => builder.Logging.AddFakeLogging());

        using var response = await proxy.Client.GetAsync(new Uri(requestPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, stub.Hits("/files/" + Uri.UnescapeDataString(requestPath[(requestPath.LastIndexOf('/') + 1)..])));
        var logs = proxy.Host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("Rejected path " + logged, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Message.Any(char.IsControl)
            || r.StructuredState?.Any(s => s.Value?.Any(char.IsControl) == true) == true);
    }
}
