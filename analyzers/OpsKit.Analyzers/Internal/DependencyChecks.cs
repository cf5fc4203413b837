using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Which health check registrations reach an external dependency (OPS0008), decided once per method or check type
/// and compilation:
/// <list type="bullet">
/// <item>the AspNetCore.HealthChecks.* packages except the process-local, UI and publisher ones; EF Core's AddDbContextCheck;</item>
/// <item>OpsKit's dependency checks on <c>OpsHealthBuilder</c>: AddHttpDependency, AddTcpDependency, AddRemoteCertificate,
/// AddNpgsql, AddRedis (not the process, file-system or clock checks);</item>
/// <item><c>AddCheck&lt;T&gt;</c>, <c>AddTypeActivatedCheck&lt;T&gt;</c> and <c>AddCheck(name, instance)</c> when the check type
/// is named for a dependency (RedisHealthCheck, SqlServerCheck, PaymentsApiCheck) or takes one in its constructor
/// (a DbContext, DbConnection, DbDataSource, HttpClient, IHttpClientFactory, IConnectionMultiplexer, IDistributedCache…);</item>
/// <item>a method of this compilation that passes its <c>tags</c> parameter on to one of the above.</item>
/// </list>
/// </summary>
internal sealed class DependencyChecks
{
    public static readonly ImmutableHashSet<string> OpsKitDependencyMethods = ImmutableHashSet.Create(
        StringComparer.Ordinal, "AddHttpDependency", "AddTcpDependency", "AddRemoteCertificate", "AddNpgsql", "AddRedis");

    private static readonly ImmutableHashSet<string> DependencyWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Redis", "Sql", "Npgsql", "Postgres", "Postgre", "Mongo", "Database", "Db", "Rabbit", "Mq", "Kafka", "Elastic", "Elasticsearch",
        "Http", "Url", "Uri", "Api", "Queue", "Blob", "Storage", "Cosmos", "Smtp", "Ldap", "Grpc", "Broker", "Bus", "Hub",
        "Dependency", "Upstream", "Downstream", "Remote", "External", "Oracle", "MySql", "Cassandra", "Nats", "Consul", "Vault", "S3", "Dynamo");

    private static readonly ImmutableHashSet<string> DependencyServiceTypes = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "HttpClient", "IHttpClientFactory", "IConnectionMultiplexer", "IDatabase", "IDistributedCache", "IDbConnection", "IDbConnectionFactory",
        "IMongoClient", "IMongoDatabase", "IConnectionFactory", "ServiceBusClient", "BlobServiceClient", "IAmazonS3", "IElasticClient", "ElasticsearchClient");

    private static readonly ImmutableHashSet<string> DependencyBaseTypes = ImmutableHashSet.Create(StringComparer.Ordinal, "DbContext", "DbConnection", "DbDataSource");

    /// <summary>The AspNetCore.HealthChecks.* and OpsKit dependency methods by name, for calls that do not bind.</summary>
    private static readonly ImmutableHashSet<string> WellKnownDependencyNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "AddRedis", "AddNpgSql", "AddNpgsql", "AddSqlServer", "AddMySql", "AddOracle", "AddSqlite", "AddMongoDb", "AddRabbitMQ", "AddKafka",
        "AddUrlGroup", "AddElasticsearch", "AddAzureBlobStorage", "AddAzureQueueStorage", "AddAzureTableStorage", "AddAzureServiceBusQueue",
        "AddAzureServiceBusTopic", "AddAzureCosmosDB", "AddCosmosDb", "AddDynamoDb", "AddConsul", "AddNats", "AddSmtpHealthCheck",
        "AddDbContextCheck", "AddSignalRHub", "AddAzureKeyVault", "AddS3", "AddRavenDB", "AddSolr", "AddHttpDependency", "AddTcpDependency");

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, bool> _cache = new(SymbolEqualityComparer.Default);

    public DependencyChecks(Compilation compilation) => _compilation = compilation;

    public static bool IsWellKnownDependencyName(string name) => WellKnownDependencyNames.Contains(name);

    public bool IsDependencyRegistration(IInvocationOperation invocation, IMethodSymbol method, ImmutableHashSet<string> configured, CancellationToken cancellationToken)
    {
        if (RuleOptions.MatchesMethod(configured, method) || IsDependencyMethod(method, cancellationToken))
        {
            return true;
        }

        // AddCheck<T>, AddTypeActivatedCheck<T>: the check type decides.
        if (invocation.TargetMethod.TypeArguments.Length == 1 && method.Name is "AddCheck" or "AddTypeActivatedCheck")
        {
            return IsDependencyType(invocation.TargetMethod.TypeArguments[0]);
        }

        // AddCheck(name, new SqlCheck(…), …): the instance's type decides.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.Name == "IHealthCheck" && argument.Value.WalkDownConversions().Type is { } instanceType)
            {
                return IsDependencyType(instanceType);
            }
        }

        return false;
    }

    private bool IsDependencyMethod(IMethodSymbol method, CancellationToken cancellationToken)
    {
        // The AspNetCore.HealthChecks.* packages ship assemblies named HealthChecks.* (older ones: AspNetCore.HealthChecks.*).
        var assembly = method.ContainingAssembly?.Name ?? string.Empty;
        var package = assembly.StartsWith("AspNetCore.", StringComparison.Ordinal) ? assembly.Substring("AspNetCore.".Length) : assembly;
        if (package.StartsWith("HealthChecks.", StringComparison.Ordinal))
        {
            return !(package is "HealthChecks.System"
                || package.StartsWith("HealthChecks.UI", StringComparison.Ordinal)
                || package.StartsWith("HealthChecks.Publisher", StringComparison.Ordinal)
                || package.StartsWith("HealthChecks.Prometheus", StringComparison.Ordinal));
        }

        if (method.Name == "AddDbContextCheck")
        {
            return true;
        }

        if (assembly.StartsWith("OpsKit", StringComparison.Ordinal))
        {
            return OpsKitDependencyMethods.Contains(method.Name);
        }

        return !method.DeclaringSyntaxReferences.IsDefaultOrEmpty && _cache.GetOrAdd(method, _ => PassesTagsToDependency(method, cancellationToken));
    }

    /// <summary>A wrapper in this compilation that hands its own <c>tags</c> parameter to a dependency registration.</summary>
    private bool PassesTagsToDependency(IMethodSymbol method, CancellationToken cancellationToken)
    {
        IParameterSymbol? tags = null;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == "tags")
            {
                tags = parameter;
            }
        }

        if (tags is null)
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                continue;
            }

#pragma warning disable RS1030 // Only for the few wrappers that receive tags; the driver caches semantic models per tree.
            var body = _compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
            if (body is null)
            {
                continue;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is IInvocationOperation inner && !SymbolEqualityComparer.Default.Equals(inner.TargetMethod.OriginalDefinition, method.OriginalDefinition)
                    && PassesParameter(inner, tags)
                    && IsDependencyRegistration(inner, inner.TargetMethod.ReducedFrom ?? inner.TargetMethod, ImmutableHashSet<string>.Empty, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool PassesParameter(IInvocationOperation invocation, IParameterSymbol parameter)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsDependencyType(ITypeSymbol type)
        => _cache.GetOrAdd(type, t => NamedForDependency(t.Name) || TakesDependency((ITypeSymbol)t));

    private static bool NamedForDependency(string name)
    {
        foreach (var word in Words(name))
        {
            if (DependencyWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TakesDependency(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        foreach (var constructor in named.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (DependencyServiceTypes.Contains(parameter.Type.Name) || DerivesFromDependency(parameter.Type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool DerivesFromDependency(ITypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (DependencyBaseTypes.Contains(current.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>PascalCase words: <c>MQHealthCheck</c> → MQ, Health, Check; <c>AppDbContext</c> → App, Db, Context.</summary>
    internal static IEnumerable<string> Words(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length
                || name[i] == '_'
                || (char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))));
            if (boundary)
            {
                if (i > start)
                {
                    yield return name.Substring(start, i - start).Trim('_');
                }

                start = i;
            }
        }
    }
}
