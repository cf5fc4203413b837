using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    private readonly Func<ITypeSymbol, bool> _isBuilder;
    private readonly ConcurrentDictionary<ISymbol, bool> _cache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, bool> _callNames = new(StringComparer.Ordinal);
    private readonly Lazy<HashSet<string>> _packageMethodNames;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _packageExtensionTypes;

    /// <param name="compilation">The compilation whose calls are judged.</param>
    /// <param name="isBuilder">Whether a type is a health checks builder (a registration method's receiver).</param>
    public DependencyChecks(Compilation compilation, Func<ITypeSymbol, bool> isBuilder)
    {
        _compilation = compilation;
        _isBuilder = isBuilder;
        _packageMethodNames = new Lazy<HashSet<string>>(CollectPackageMethodNames);
        _packageExtensionTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(CollectPackageExtensionTypes);
    }

    public static bool IsWellKnownDependencyName(string name) => WellKnownDependencyNames.Contains(name);

    /// <summary>
    /// Whether a call of this name can register a dependency check, decided without binding the call (binding a
    /// statement binds its whole method, a large top-level Program included): a well-known or configured name, a
    /// method of a dependency check package this compilation references, or a registration wrapper of this
    /// compilation that passes its tags on to a dependency check. A call for which this is false is never reported.
    /// </summary>
    public bool MayRegisterDependency(InvocationExpressionSyntax call, ImmutableHashSet<string> configured, CancellationToken cancellationToken)
    {
        var name = call.GetInvokedName();
        if (configured.Count > 0 || WellKnownDependencyNames.Contains(name) || OpsKitDependencyMethods.Contains(name) || name is "AddTypeActivatedCheck" or "AddDbContextCheck")
        {
            return true;
        }

        // AddCheck with a lambda is the delegate overload (the Aspire template's "self" check): it runs in the process.
        if (name == "AddCheck")
        {
            return !IsDelegateCheck(call) || HasDependencyWrapper(name, cancellationToken);
        }

        return _callNames.TryGetValue(name, out var may)
            ? may
            : _callNames.GetOrAdd(name, _packageMethodNames.Value.Contains(name) || HasDependencyWrapper(name, cancellationToken));
    }

    private static bool IsDelegateCheck(InvocationExpressionSyntax call)
    {
        if (call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax })
        {
            return false;
        }

        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (argument.Expression is AnonymousFunctionExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A method of this compilation's source with that name that registers a dependency check on a builder.</summary>
    private bool HasDependencyWrapper(string name, CancellationToken cancellationToken)
    {
        if (!_compilation.ContainsSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
        {
            return false;
        }

        foreach (var symbol in _compilation.GetSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
        {
            if (symbol is not IMethodSymbol { IsExtensionMethod: true } method || method.Parameters.Length < 2 || !_isBuilder(method.Parameters[0].Type))
            {
                continue;
            }

            // A check instance passed in is judged by its type at the call (AddCheck(name, new SqlCheck())).
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.Name == "IHealthCheck")
                {
                    return true;
                }
            }

            if (IsDependencyMethod(method, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The extension method names of the dependency check packages (AspNetCore.HealthChecks.*) this compilation references.</summary>
    private HashSet<string> CollectPackageMethodNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in PackageExtensionTypes)
        {
            names.UnionWith(type.MemberNames);
        }

        return names;
    }

    /// <summary>The static classes with extension methods in the dependency check packages this compilation references.</summary>
    public ImmutableArray<INamedTypeSymbol> PackageExtensionTypes => _packageExtensionTypes.Value;

    private ImmutableArray<INamedTypeSymbol> CollectPackageExtensionTypes()
    {
        var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (IsDependencyPackage(assembly.Name) == true && assembly.MightContainExtensionMethods)
            {
                CollectExtensionTypes(assembly.GlobalNamespace, types);
            }
        }

        return types.ToImmutable();
    }

    private static void CollectExtensionTypes(INamespaceSymbol ns, ImmutableArray<INamedTypeSymbol>.Builder types)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                CollectExtensionTypes(inner, types);
            }
            else if (member is INamedTypeSymbol { IsStatic: true, MightContainExtensionMethods: true } type)
            {
                types.Add(type);
            }
        }
    }

    /// <summary>
    /// The AspNetCore.HealthChecks.* packages ship assemblies named HealthChecks.* (older ones: AspNetCore.HealthChecks.*):
    /// true for those that check a dependency, false for the process-local, UI and publisher ones, null for any other assembly.
    /// </summary>
    private static bool? IsDependencyPackage(string assembly)
    {
        var package = assembly.StartsWith("AspNetCore.", StringComparison.Ordinal) ? assembly.Substring("AspNetCore.".Length) : assembly;
        if (!package.StartsWith("HealthChecks.", StringComparison.Ordinal))
        {
            return null;
        }

        return !(package is "HealthChecks.System"
            || package.StartsWith("HealthChecks.UI", StringComparison.Ordinal)
            || package.StartsWith("HealthChecks.Publisher", StringComparison.Ordinal)
            || package.StartsWith("HealthChecks.Prometheus", StringComparison.Ordinal));
    }

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

    /// <summary>Whether a registration method (not a check type given to <c>AddCheck&lt;T&gt;</c>) reaches a dependency.</summary>
    public bool IsDependencyMethod(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var assembly = method.ContainingAssembly?.Name ?? string.Empty;
        if (IsDependencyPackage(assembly) is { } dependencyPackage)
        {
            return dependencyPackage;
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

    /// <summary>Whether a check type (the <c>T</c> of <c>AddCheck&lt;T&gt;</c>) is named for a dependency or takes one.</summary>
    public bool IsDependencyType(ITypeSymbol type)
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
