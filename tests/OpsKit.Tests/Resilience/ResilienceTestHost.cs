using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace OpsKit.Tests.Resilience;

/// <summary>A plain service provider with configuration, fake logging and one named HttpClient on an OpsKit pipeline.</summary>
internal static class ResilienceTestHost
{
    public static ServiceProvider Build(
        IDictionary<string, string?> configuration,
        string pipeline = "gateway",
        Action<IServiceCollection>? configure = null,
        Action<IHttpClientBuilder>? client = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        configure?.Invoke(services);
        var builder = services.AddHttpClient(pipeline).AddOpsResilience(pipeline);
        client?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    public static HttpClient Client(this IServiceProvider services, string name = "gateway") =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public static string Key(string pipeline, string key) => $"OpsKit:Resilience:Pipelines:{pipeline}:{key}";
}
