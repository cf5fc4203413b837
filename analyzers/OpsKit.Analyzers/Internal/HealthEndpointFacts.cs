using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What one type (the top-level Program, a Program with Main, a Startup class) does with health checks:
/// does it build or configure a web app, does it map an endpoint (and where), does it register checks,
/// does the app escape to a method we cannot see. OPS0001 and OPS0002 are both decided from these facts
/// at the end of the type, so a helper method in the same type is followed without any data-flow guesswork.
/// </summary>
internal sealed class HealthEndpointFacts
{
    private readonly object _gate = new();
    private Location? _creation;
    private Location? _run;
    private Location? _devOnlyMapping;
    private readonly List<(Location Location, string Method)> _registrations = [];

    public HealthEndpointFacts(Location? startupConfigure) => StartupConfigure = startupConfigure;

    /// <summary>The name of a Startup class's Configure method, when the type is one.</summary>
    public Location? StartupConfigure { get; }

    public bool IsAppType => StartupConfigure is not null || Creation is not null;

    public Location? Creation { get { lock (_gate) { return _creation; } } }

    public Location? Run { get { lock (_gate) { return _run; } } }

    public Location? DevelopmentOnlyMapping { get { lock (_gate) { return _devOnlyMapping; } } }

    public bool Mapped { get; private set; }

    public bool Escaped { get; private set; }

    public IReadOnlyList<(Location Location, string Method)> Registrations
    {
        get { lock (_gate) { return _registrations.ToArray(); } }
    }

    internal void AddCreation(Location location)
    {
        lock (_gate) { _creation = First(_creation, location); }
    }

    internal void AddRun(Location location)
    {
        lock (_gate) { _run = First(_run, location); }
    }

    internal void AddMapping(Location location, bool developmentOnly)
    {
        lock (_gate)
        {
            if (developmentOnly)
            {
                _devOnlyMapping = First(_devOnlyMapping, location);
            }
            else
            {
                Mapped = true;
            }
        }
    }

    internal void AddRegistration(Location location, string method)
    {
        lock (_gate) { _registrations.Add((location, method)); }
    }

    internal void MarkEscaped()
    {
        lock (_gate) { Escaped = true; }
    }

    // Operation actions run concurrently and in any order: keep the first location in source order.
    private static Location First(Location? current, Location candidate)
        => current is null || candidate.SourceSpan.Start < current.SourceSpan.Start ? candidate : current;
}

/// <summary>Framework symbols for the health endpoint rules, resolved once per compilation.</summary>
internal sealed class HealthEndpointSymbols
{
    private const string MapsAttribute = "OpsKit.OpsMapsHealthEndpointsAttribute";
    private const string RegistersAttribute = "OpsKit.OpsRegistersHealthChecksAttribute";
    public const string MappingMethodsOption = "OPS0001.mapping_methods";
    public const string DevelopmentOnlyMappingMethodsOption = "OPS0001.development_only_mapping_methods";
    public const string RegistrationMethodsOption = "OPS0002.registration_methods";

    private readonly INamedTypeSymbol? _webApplication;
    private readonly INamedTypeSymbol? _webApplicationBuilder;
    private readonly INamedTypeSymbol _applicationBuilder;
    private readonly INamedTypeSymbol? _endpointRouteBuilder;
    private readonly INamedTypeSymbol? _host;
    private readonly INamedTypeSymbol? _mapHealthChecks;
    private readonly INamedTypeSymbol? _useHealthChecks;
    private readonly INamedTypeSymbol? _addHealthChecks;
    private readonly INamedTypeSymbol? _mapOpsHealth;
    private readonly INamedTypeSymbol? _addOpsHealth;
    private readonly INamedTypeSymbol? _startupFilter;
    private readonly Compilation _compilation;
    private readonly Lazy<bool> _hasProbeController;
    private readonly AnalyzerOptions _options;
    private readonly ConcurrentDictionary<SyntaxTree, TreeOptions> _treeOptions = new();
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _appTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _neutralAssemblies = new(SymbolEqualityComparer.Default);

    private HealthEndpointSymbols(Compilation compilation, INamedTypeSymbol applicationBuilder, AnalyzerOptions options)
    {
        _applicationBuilder = applicationBuilder;
        _options = options;
        _compilation = compilation;
        _hasProbeController = new Lazy<bool>(HasProbeController);
        _startupFilter = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Hosting.IStartupFilter");
        _webApplication = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
        _webApplicationBuilder = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
        _endpointRouteBuilder = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        _host = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Hosting.IHost");
        _mapHealthChecks = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.HealthCheckEndpointRouteBuilderExtensions");
        _useHealthChecks = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.HealthCheckApplicationBuilderExtensions");
        _addHealthChecks = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HealthCheckServiceCollectionExtensions");
        _mapOpsHealth = compilation.GetBestTypeByMetadataName(OpsKitSymbols.MapOpsHealthType);
        _addOpsHealth = compilation.GetBestTypeByMetadataName(OpsKitSymbols.AddOpsHealthType);
    }

    /// <summary>Null when the project is not an ASP.NET Core application: the rules then register nothing.</summary>
    public static HealthEndpointSymbols? TryCreate(Compilation compilation, AnalyzerOptions options)
    {
        if (!ProjectProperties.IsWebApplication(options))
        {
            return null;
        }

        var applicationBuilder = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        return applicationBuilder is null ? null : new HealthEndpointSymbols(compilation, applicationBuilder, options);
    }

    /// <summary>Registers the fact collection for every type and hands the facts over at the end of each type.</summary>
    public void Register(CompilationStartAnalysisContext context, Action<SymbolAnalysisContext, HealthEndpointFacts> onTypeEnd)
    {
        context.RegisterSymbolStartAction(
            symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
                {
                    return;
                }

                var startup = FindStartupConfigure(type);
                if (startup is null && !MayBuildApp(type, symbolStart.CancellationToken))
                {
                    return; // not the app's type: nothing it does can decide OPS0001/OPS0002
                }

                var facts = new HealthEndpointFacts(startup);
                symbolStart.RegisterOperationAction(c => OnInvocation(c, facts), OperationKind.Invocation);
                symbolStart.RegisterOperationAction(c => OnObjectCreation(c, facts), OperationKind.ObjectCreation);
                symbolStart.RegisterOperationAction(c => OnReturnOrAssignment(c, facts), OperationKind.Return, OperationKind.SimpleAssignment);
                symbolStart.RegisterOperationAction(c => OnInvalid(c, facts), OperationKind.Invalid);
                symbolStart.RegisterSymbolEndAction(c =>
                {
                    // A hand-written probe controller elsewhere in the project is a health endpoint the rules cannot
                    // follow; looked up only for an app type that would otherwise be reported.
                    if (facts.IsAppType && !facts.Escaped && !facts.Mapped && _hasProbeController.Value)
                    {
                        return;
                    }

                    onTypeEnd(c, facts);
                });
            },
            SymbolKind.NamedType);
    }

    /// <summary>
    /// Cheap pre-filter before any operation callback: a type that builds the app names <c>Build</c>
    /// (WebApplicationBuilder.Build) or <c>Create</c> (WebApplication.Create) somewhere in its declarations.
    /// </summary>
    private static bool MayBuildApp(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken && token.ValueText is "Build" or "Create")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private Location? FindStartupConfigure(INamedTypeSymbol type)
    {
        // Convention-based Startup classes (StartupFacts in ASP.NET Core). The name is required: a module class
        // with Configure(IApplicationBuilder) that builds only part of the pipeline must not be taken for the app.
        if (!type.Name.EndsWith("Startup", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var member in type.GetMembers("Configure"))
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && !method.IsImplicitlyDeclared)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (SymbolEqualityComparer.Default.Equals(parameter.Type, _applicationBuilder) && method.Locations.Length > 0)
                    {
                        return method.Locations[0];
                    }
                }
            }
        }

        return null;
    }

    private void OnInvocation(OperationAnalysisContext context, HealthEndpointFacts facts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var original = method.ReducedFrom ?? method;
        var containingType = original.ContainingType;
        if (containingType is null)
        {
            return;
        }

        switch (original.Name)
        {
            case "Build" when SymbolEqualityComparer.Default.Equals(containingType, _webApplicationBuilder):
                facts.AddCreation(invocation.GetNameLocation());
                return;
            case "Create" when SymbolEqualityComparer.Default.Equals(containingType, _webApplication):
                facts.AddCreation(invocation.GetNameLocation());
                return;
            case "Run" or "RunAsync" when SymbolEqualityComparer.Default.Equals(containingType, _webApplication)
                || (containingType.Name == "HostingAbstractionsHostExtensions" && IsApp(invocation.GetReceiverOrThisArgument()?.WalkDownConversions().Type)):
                facts.AddRun(invocation.GetNameLocation());
                return;
        }

        // Framework methods: only the known mapping and registration methods matter (no attribute lookups).
        if (IsKnownMapping(original, containingType))
        {
            facts.AddMapping(invocation.GetNameLocation(), IsInsideDevelopmentBranch(invocation));
            return;
        }

        if (IsKnownRegistration(original, containingType))
        {
            facts.AddRegistration(invocation.GetNameLocation(), original.Name);
            return;
        }

        if (original.Name.StartsWith("Map", StringComparison.Ordinal) && HasProbeRoute(invocation))
        {
            facts.AddMapping(invocation.GetNameLocation(), IsInsideDevelopmentBranch(invocation));
            return;
        }

        if (_startupFilter is not null && original.IsGenericMethod && MentionsStartupFilter(method.TypeArguments))
        {
            facts.MarkEscaped(); // an IStartupFilter can add middleware (and probes) to the pipeline
            return;
        }

        var treeOptions = GetTreeOptions(invocation.Syntax.SyntaxTree);
        var neutral = IsNeutral(original.ContainingAssembly);
        if (neutral && treeOptions.IsEmpty)
        {
            return;
        }

        // Attributes are only looked up for calls that could be mappings (they receive the app or a route builder)
        // or registrations (they receive the service collection or a host builder): GetAttributes is not free.
        var receivesApp = false;
        var receivesServices = false;
        foreach (var argument in invocation.Arguments)
        {
            var type = argument.Value.WalkDownConversions().Type;
            receivesApp |= IsApp(type);
            receivesServices |= type?.Name is "IServiceCollection" or "IHostApplicationBuilder" or "WebApplicationBuilder" or "IHealthChecksBuilder";
        }

        if (RuleOptions.MatchesMethod(treeOptions.MappingMethods, original) || (!neutral && receivesApp && HasAttribute(original, MapsAttribute)))
        {
            facts.AddMapping(invocation.GetNameLocation(), IsInsideDevelopmentBranch(invocation));
            return;
        }

        if (RuleOptions.MatchesMethod(treeOptions.DevelopmentOnlyMappingMethods, original))
        {
            facts.AddMapping(invocation.GetNameLocation(), developmentOnly: true);
            return;
        }

        if (RuleOptions.MatchesMethod(treeOptions.RegistrationMethods, original) || (!neutral && receivesServices && HasAttribute(original, RegistersAttribute)))
        {
            facts.AddRegistration(invocation.GetNameLocation(), original.Name);
            return;
        }

        if (receivesApp && !neutral
            && !SymbolEqualityComparer.Default.Equals(containingType.OriginalDefinition, context.ContainingSymbol.ContainingType?.OriginalDefinition))
        {
            facts.MarkEscaped();
        }
    }

    private void OnObjectCreation(OperationAnalysisContext context, HealthEndpointFacts facts)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is null || IsNeutral(creation.Type.ContainingAssembly))
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (IsApp(argument.Value.WalkDownConversions().Type))
            {
                facts.MarkEscaped();
                return;
            }
        }
    }

    private void OnReturnOrAssignment(OperationAnalysisContext context, HealthEndpointFacts facts)
    {
        var value = context.Operation switch
        {
            IReturnOperation { ReturnedValue: { } returned } => returned,
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } assignment => assignment.Value,
            _ => null,
        };

        // The app leaves the type's methods: someone else may map endpoints on it.
        if (value is not null && IsApp(value.WalkDownConversions().Type))
        {
            facts.MarkEscaped();
        }
    }

    private void OnInvalid(OperationAnalysisContext context, HealthEndpointFacts facts)
    {
        // A call that does not bind (a package not restored yet, a typo in progress) may be the one that maps the
        // endpoint: when the app takes part in it, the facts are incomplete and the rules stay silent.
        if (context.Operation.Parent is not IInvalidOperation && InvolvesApp(context.Operation))
        {
            facts.MarkEscaped();
        }
    }

    private bool InvolvesApp(IOperation invalid)
    {
        foreach (var child in invalid.ChildOperations)
        {
            var value = child.WalkDownConversions();
            if (IsApp(value.Type) || (value is IInvalidOperation && InvolvesApp(value)))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsKnownMapping(IMethodSymbol method, INamedTypeSymbol containingType)
        => (method.Name == "MapHealthChecks" && SymbolEqualityComparer.Default.Equals(containingType, _mapHealthChecks))
            || (method.Name == "UseHealthChecks" && SymbolEqualityComparer.Default.Equals(containingType, _useHealthChecks))
            || (method.Name == OpsKitSymbols.MapOpsHealth && SymbolEqualityComparer.Default.Equals(containingType, _mapOpsHealth));

    private bool IsKnownRegistration(IMethodSymbol method, INamedTypeSymbol containingType)
        => (method.Name == "AddHealthChecks" && SymbolEqualityComparer.Default.Equals(containingType, _addHealthChecks))
            || (method.Name == OpsKitSymbols.AddOpsHealth && SymbolEqualityComparer.Default.Equals(containingType, _addOpsHealth));

    private static bool HasAttribute(IMethodSymbol method, string fullName)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "OpsMapsHealthEndpointsAttribute" or "OpsRegistersHealthChecksAttribute" } attributeClass
                && attributeClass.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ProbeRouteTokens = ["health", "alive", "liveness", "readiness", "/live", "/ready", "/ping"];

    /// <summary><c>app.MapGet("/healthz", …)</c>: a hand-written probe endpoint is a health endpoint too.</summary>
    private static bool HasProbeRoute(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string route })
            {
                foreach (var token in ProbeRouteTokens)
                {
                    if (route.IndexOf(token, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool MentionsStartupFilter(ImmutableArray<ITypeSymbol> typeArguments)
    {
        foreach (var typeArgument in typeArguments)
        {
            if (SymbolEqualityComparer.Default.Equals(typeArgument, _startupFilter) || typeArgument.AllInterfaces.Contains(_startupFilter!, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A controller whose name says it serves probes (HealthController, ProbesController, PingController…).</summary>
    private bool HasProbeController()
    {
        foreach (var symbol in _compilation.GetSymbolsWithName(IsProbeName, SymbolFilter.Type))
        {
            if (symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type
                && (type.Name.EndsWith("Controller", StringComparison.Ordinal) || DerivesFromController(type)))
            {
                return true;
            }
        }

        return false;

        static bool IsProbeName(string name)
            => name.IndexOf("Health", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Probe", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Liveness", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Readiness", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("Ping", StringComparison.OrdinalIgnoreCase) >= 0;

        static bool DerivesFromController(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.Name is "ControllerBase" or "Controller" && current.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc")
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool IsNeutral(IAssemblySymbol? assembly)
        => assembly is not null && _neutralAssemblies.GetOrAdd(assembly, KnownAssemblies.IsNeutral);

    /// <summary>WebApplication, IApplicationBuilder, IEndpointRouteBuilder (route groups too) or IHost.</summary>
    private bool IsApp(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Array or TypeKind.Pointer)
        {
            return false;
        }

        return _appTypes.GetOrAdd(type, ComputeIsApp);
    }

    private bool ComputeIsApp(ITypeSymbol type)
    {
        if (Is(type, _webApplication) || Is(type, _applicationBuilder) || Is(type, _endpointRouteBuilder) || Is(type, _host))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Is(implemented, _applicationBuilder) || Is(implemented, _endpointRouteBuilder) || Is(implemented, _host))
            {
                return true;
            }
        }

        return false;

        static bool Is(ITypeSymbol candidate, INamedTypeSymbol? expected)
            => expected is not null && SymbolEqualityComparer.Default.Equals(candidate, expected);
    }

    /// <summary>Inside the true branch of <c>if (env.IsDevelopment())</c> (or the false branch of its negation).</summary>
    internal static bool IsInsideDevelopmentBranch(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && !ReferenceEquals(child, conditional.Condition))
            {
                var polarity = DevelopmentPolarity(conditional.Condition);
                if (polarity == true && ReferenceEquals(child, conditional.WhenTrue))
                {
                    return true;
                }

                if (polarity == false && ReferenceEquals(child, conditional.WhenFalse))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True: the condition holds only in Development. False: it holds only outside Development.</summary>
    private static bool? DevelopmentPolarity(IOperation condition)
    {
        condition = condition.WalkDownConversions();
        switch (condition)
        {
            case IInvocationOperation invocation when IsIsDevelopment(invocation.TargetMethod):
                return true;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return DevelopmentPolarity(not.Operand) switch { true => false, false => true, null => null };
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return DevelopmentPolarity(and.LeftOperand) == true || DevelopmentPolarity(and.RightOperand) == true ? true : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
                when equals.RightOperand.ConstantValue is { HasValue: true, Value: bool expected }:
                return DevelopmentPolarity(equals.LeftOperand) is { } left ? left == expected : null;
            default:
                return null;
        }
    }

    private static bool IsIsDevelopment(IMethodSymbol method)
    {
        var original = method.ReducedFrom ?? method;
        return original.Name == "IsDevelopment"
            && original.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.Hosting" or "Microsoft.AspNetCore.Hosting";
    }

    private TreeOptions GetTreeOptions(SyntaxTree tree)
        => _treeOptions.GetOrAdd(tree, t => new TreeOptions(
            RuleOptions.GetList(_options, t, MappingMethodsOption),
            RuleOptions.GetList(_options, t, DevelopmentOnlyMappingMethodsOption),
            RuleOptions.GetList(_options, t, RegistrationMethodsOption)));

    private sealed class TreeOptions(ImmutableHashSet<string> mapping, ImmutableHashSet<string> developmentOnly, ImmutableHashSet<string> registration)
    {
        public ImmutableHashSet<string> MappingMethods { get; } = mapping;

        public ImmutableHashSet<string> DevelopmentOnlyMappingMethods { get; } = developmentOnly;

        public ImmutableHashSet<string> RegistrationMethods { get; } = registration;

        public bool IsEmpty => MappingMethods.Count == 0 && DevelopmentOnlyMappingMethods.Count == 0 && RegistrationMethods.Count == 0;
    }
}
