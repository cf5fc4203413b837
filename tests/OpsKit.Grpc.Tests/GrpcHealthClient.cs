using Grpc.Health.V1;
using Grpc.Net.Client;

namespace OpsKit.Grpc.Tests;

/// <summary>A real Grpc.Net.Client channel over HTTP/2 without TLS (h2c) to a test app on 127.0.0.1.</summary>
internal sealed class GrpcHealthClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public GrpcHealthClient(TestApp app)
    {
        _channel = GrpcChannel.ForAddress(app.Client.BaseAddress!);
        Health = new global::Grpc.Health.V1.Health.HealthClient(_channel);
    }

    public global::Grpc.Health.V1.Health.HealthClient Health { get; }

    public async Task<HealthCheckResponse.Types.ServingStatus> CheckAsync(string service) =>
        (await Health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(10))).Status;

    public void Dispose() => _channel.Dispose();
}
