using Microsoft.Extensions.DependencyInjection;
using OpsKit.Health;
using OpsKit.Hosting;

namespace OpsKit.Tests.Hosting;

public sealed class OpsAppClientTests
{
    [Fact]
    public void The_unkeyed_and_the_keyed_client_are_found_resolved_and_described_apart()
    {
        var unkeyed = new Uri("http://127.0.0.1:1/");
        var keyed = new Uri("http://127.0.0.1:2/");
        using var services = new ServiceCollection()
            .AddSingleton(unkeyed)
            .AddKeyedSingleton("orders", keyed)
            .BuildServiceProvider();

        var plain = new OpsAppClient<Uri>();
        var orders = new OpsAppClient<Uri>("orders");

        Assert.True(plain.IsRegistered(services));
        Assert.True(orders.IsRegistered(services));
        Assert.False(new OpsAppClient<Uri>("billing").IsRegistered(services));
        Assert.Same(unkeyed, plain.Resolve(services));
        Assert.Same(keyed, orders.Resolve(services));
        Assert.Equal("Uri", plain.Description);
        Assert.Equal("Uri (keyed service 'orders')", orders.Description);
        Assert.Empty(orders.StartupErrors(services, "never used"));
    }

    [Fact]
    public void A_missing_client_is_one_start_up_error_with_the_given_message_and_is_not_created()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var client = new OpsAppClient<Uri>("orders");

        Assert.False(client.IsRegistered(services));
        Assert.Equal(["AddQueue() needs a Uri (keyed service 'orders')."], client.StartupErrors(services, $"AddQueue() needs a {client.Description}."));
        Assert.Throws<InvalidOperationException>(() => client.Resolve(services));
    }

    [Fact]
    public void Ratio_options_are_validated_with_the_inverted_thresholds_named_by_key()
    {
        var validation = new OpsCheckOptionsValidation("queue");
        validation.Ratios(new QueueOptions { DegradedAt = 0.9, UnhealthyAt = 0.5 });

        Assert.Equal(["OpsKit:Health:Checks:queue:DegradedAt must be less than OpsKit:Health:Checks:queue:UnhealthyAt."], validation.Errors);
        Assert.Equal(0.7, new QueueOptions().DegradedAt);
        Assert.Null(new QueueOptions().UnhealthyAt);
    }

    private sealed class QueueOptions() : OpsRatioCheckOptions(degradedAt: 0.7);
}
