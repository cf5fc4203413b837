using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;
using OpsKit.Health.Checks.Internal;

namespace OpsKit.Tests.Checks;

/// <summary>
/// The default <see cref="IHostResolver"/>: <c>localhost</c> through the machine's resolver (answered from its hosts
/// file), and the "no addresses" path through a lookup answered in the test, never a made-up name sent to a resolver.
/// </summary>
public sealed class DnsHostResolverTests
{
    [Fact]
    public async Task Localhost_resolves_through_the_machines_resolver_to_loopback_addresses_only()
    {
        var addresses = await new DnsHostResolver().ResolveAsync("localhost", CancellationToken.None);

        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(a), $"{a} is not a loopback address"));
    }

    [Fact]
    public async Task Tcp_check_to_localhost_with_the_default_resolver_is_Healthy()
    {
        using var listener = new SilentListener();
        await using var app = await CheckApp.StartAsync(h => h.AddTcpDependency("local", "localhost", listener.Port));

        var check = await app.WaitForAsync("local", "Healthy");

        Assert.IsType<DnsHostResolver>(app.Services.GetRequiredService<IHostResolver>());
        Assert.True(check.Data().GetProperty("latency_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_lookup_that_answers_no_addresses_is_reported_by_the_check_with_category_dns()
    {
        var lookups = 0;
        var resolver = new DnsHostResolver((_, _) =>
        {
            Interlocked.Increment(ref lookups);
            return Task.FromResult(Array.Empty<IPAddress>());
        });
        await using var app = await CheckApp.StartAsync(
            h => h.AddTcpDependency("mongodb", "mongodb.internal", 27017),
            services: s => s.AddSingleton<IHostResolver>(resolver));

        var check = await app.WaitForAsync("mongodb", "Unhealthy");

        Assert.Equal("dns", check.Category());
        Assert.True(lookups >= 1);
    }

    [Fact]
    public async Task No_addresses_throws_HostNotFound_and_an_IP_literal_is_never_looked_up()
    {
        var resolver = new DnsHostResolver((host, _) => host == "empty.internal"
            ? Task.FromResult(Array.Empty<IPAddress>())
            : throw new InvalidOperationException($"{host} was looked up"));

        var failure = await Assert.ThrowsAsync<SocketException>(() => resolver.ResolveAsync("empty.internal", CancellationToken.None));
        var literal = await resolver.ResolveAsync("127.0.0.1", CancellationToken.None);

        Assert.Equal(SocketError.HostNotFound, failure.SocketErrorCode);
        Assert.Equal([IPAddress.Loopback], literal);
    }
}
