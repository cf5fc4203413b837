using Xunit;

namespace OpsKit.Testing;

/// <summary>An xunit class or collection fixture that owns one <see cref="RedisServer"/> with default options.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">Used before xunit initialised the fixture.</exception>
    public RedisServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await RedisServer.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
