namespace OpsKit.Redis.Tests;

[CollectionDefinition(Name)]
public sealed class SharedRedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "shared redis";
}
