using System.Net.Sockets;

namespace OpsKit.Sample.Worker.Tests;

/// <summary>What a kubelet's <c>tcpSocket:</c> probe sees: whether a connection to the port is accepted.</summary>
internal static class ProbePort
{
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
