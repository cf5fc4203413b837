namespace OpsKit.Analyzers.Internal;

/// <summary>Metadata names of the OpsKit API the rules and fixes know about. OpsKit may be absent.</summary>
internal static class OpsKitSymbols
{
    public const string AddOpsHealthType = "Microsoft.Extensions.DependencyInjection.OpsHealthServiceCollectionExtensions";
    public const string AddOpsHealth = "AddOpsHealth";
    public const string MapOpsHealthType = "Microsoft.AspNetCore.Builder.OpsHealthEndpointRouteBuilderExtensions";
    public const string MapOpsHealth = "MapOpsHealth";
    public const string AddOpsMemoryCacheType = "Microsoft.Extensions.DependencyInjection.OpsCachingServiceCollectionExtensions";
    public const string AddOpsMemoryCache = "AddOpsMemoryCache";
}
