using System.Net;
using System.Net.Sockets;
using Xunit.Sdk;

namespace OpsKit.Testing.Tests;

public sealed class HelperTests
{
    [Fact]
    public void Free_port_can_be_bound_on_loopback()
    {
        var port = FreePort.Get();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();

        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Fact]
    public async Task Closed_port_refuses_connections()
    {
        using var closed = new ClosedPort();
        using var client = new TcpClient();

        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, closed.Port));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Eventually_returns_once_the_condition_holds()
    {
        var calls = 0;

        await Eventually.Until(() => Task.FromResult(++calls >= 3), TimeSpan.FromSeconds(5), "the third call");

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Eventually_fails_with_the_reason_after_the_timeout()
    {
        var exception = await Assert.ThrowsAsync<XunitException>(
            () => Eventually.Until(Task<bool> () => throw new InvalidOperationException("boom"), TimeSpan.FromMilliseconds(300), "never"));

        Assert.Contains("never", exception.Message, StringComparison.Ordinal);
        Assert.Contains("boom", exception.Message, StringComparison.Ordinal);
    }
}
