using Xunit;

namespace OpsKit.Testing;

/// <summary>An xunit class or collection fixture that owns one <see cref="PostgresServer"/> with default options.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">Used before xunit initialised the fixture.</exception>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
