using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Per-compilation state of the health endpoint rules (OPS0001, OPS0002): framework symbols resolved once, the
/// types that compose the app, and the caches behind them. Created only for an ASP.NET Core app, or for a library
/// that references ASP.NET Core (an Aspire ServiceDefaults project).
/// </summary>
internal sealed class HealthEndpointSymbols
{
    public const string MappingMethodsOption = "OPS0001.mapping_methods";
    public const string DevelopmentOnlyMappingMethodsOption = "OPS0001.development_only_mapping_methods";
    public const string RegistrationMethodsOption = "OPS0002.registration_methods";
    private const string MapsAttribute = "OpsKit.OpsMapsHealthEndpointsAttribute";
    private const string RegistersAttribute = "OpsKit.OpsRegistersHealthChecksAttribute";

    private readonly INamedTypeSymbol? _webApplication;
    private readonly INamedTypeSymbol? _webApplicationBuilder;
    private readonly Lazy<INamedTypeSymbol?> _mapHealthChecks;
    private readonly Lazy<INamedTypeSymbol?> _useHealthChecks;
    private readonly Lazy<INamedTypeSymbol?> _addHealthChecks;
    private readonly Lazy<INamedTypeSymbol?> _mapOpsHealth;
    private readonly Lazy<INamedTypeSymbol?> _addOpsHealth;
    private readonly Lazy<INamedTypeSymbol?> _startupFilter;
    private readonly AnalyzerOptions _options;
    private readonly bool _isLibrary;
    private readonly AppCallClassifier _classifier;
    private readonly Lazy<bool> _hasProbeController;
    private readonly AppRoots _roots;
    private readonly ConcurrentDictionary<SyntaxTree, TreeOptions> _treeOptions = new();
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _isStartupFilter = new(SymbolEqualityComparer.Default);

    private HealthEndpointSymbols(Compilation compilation, INamedTypeSymbol applicationBuilder, AnalyzerOptions options, bool isLibrary)
    {
        _options = options;
        _isLibrary = isLibrary;
        _startupFilter = compilation.GetBestTypeLazily("Microsoft.AspNetCore.Hosting.IStartupFilter", "Microsoft.AspNetCore.Hosting.Abstractions");
        _webApplication = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication", "Microsoft.AspNetCore");
        _webApplicationBuilder = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplicationBuilder", "Microsoft.AspNetCore");
        App = new AppTypes(compilation, applicationBuilder, _webApplication);
        _mapHealthChecks = compilation.GetBestTypeLazily("Microsoft.AspNetCore.Builder.HealthCheckEndpointRouteBuilderExtensions", "Microsoft.AspNetCore.Diagnostics.HealthChecks");
        _useHealthChecks = compilation.GetBestTypeLazily("Microsoft.AspNetCore.Builder.HealthCheckApplicationBuilderExtensions", "Microsoft.AspNetCore.Diagnostics.HealthChecks");
        _addHealthChecks = compilation.GetBestTypeLazily("Microsoft.Extensions.DependencyInjection.HealthCheckServiceCollectionExtensions", "Microsoft.Extensions.Diagnostics.HealthChecks");
        _mapOpsHealth = compilation.GetBestTypeLazily(OpsKitSymbols.MapOpsHealthType, "OpsKit");
        _addOpsHealth = compilation.GetBestTypeLazily(OpsKitSymbols.AddOpsHealthType, "OpsKit");
        _classifier = new AppCallClassifier(this, compilation);
        _hasProbeController = new Lazy<bool>(() => ProbeEndpoints.HasProbeController(compilation, CancellationToken.None));
        _roots = new AppRoots(compilation, App, applicationBuilder);
    }

    /// <summary>
    /// A hand-written probe controller is a health endpoint too: an app with one is not reported. Looked up once per
    /// compilation, and only by a rule that is about to report an app (it reads every controller's attributes).
    /// </summary>
    public bool HasProbeController => _hasProbeController.Value;

    /// <summary>The types that stand for the app.</summary>
    public AppTypes App { get; }

    /// <summary>
    /// Null when the rule cannot apply: not an ASP.NET Core app (worker, test project, properties not visible) nor,
    /// when <paramref name="includeLibraries"/>, a library that references ASP.NET Core and health checks, or the
    /// framework types are absent.
    /// </summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="options">Its options (the project's properties).</param>
    /// <param name="includeLibraries">
    /// Judge a library's extension methods on the app too (OPS0002: a ServiceDefaults project that registers checks and
    /// maps them only in Development). OPS0001 judges apps only: a library is not an app that must answer a probe.
    /// </param>
    public static HealthEndpointSymbols? TryCreate(Compilation compilation, AnalyzerOptions options, bool includeLibraries)
    {
        var isApp = ProjectProperties.IsWebApplication(options);
        var isLibrary = !isApp && includeLibraries && ProjectProperties.IsLibrary(options)
            && compilation.MayContainType("Microsoft.AspNetCore.Builder.HealthCheckEndpointRouteBuilderExtensions", "Microsoft.AspNetCore.Diagnostics.HealthChecks")
            && compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.HealthCheckEndpointRouteBuilderExtensions", "Microsoft.AspNetCore.Diagnostics.HealthChecks") is not null;
        if (!isApp && !isLibrary)
        {
            return null;
        }

        var applicationBuilder = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder", "Microsoft.AspNetCore.Http.Abstractions");
        return applicationBuilder is null ? null : new HealthEndpointSymbols(compilation, applicationBuilder, options, isLibrary);
    }

    /// <summary>
    /// Registers the fact collection: for the app's types (what they map, register and hand the app to), and for the
    /// other types with a method that takes the app (what those methods do with it). Both come from the operations the
    /// driver builds for these types; nothing is bound by the rules. The facts are handed over at the end of the
    /// compilation, when every method the app was handed to has been seen.
    /// </summary>
    /// <param name="context">The compilation's start.</param>
    /// <param name="report">Called at the end of the compilation with the facts of each type that composes the app.</param>
    /// <param name="registrationsOnly">
    /// The caller reports only registrations (OPS0002): the methods that take the app are not summarised, and the app is
    /// followed into them only when it registers checks and nothing else decided the outcome, through the summaries
    /// OPS0001 made of them when it runs too (<see cref="HelperSummaries"/>), else by binding them.
    /// </param>
    public void Register(CompilationStartAnalysisContext context, Action<CompilationAnalysisContext, HealthEndpointFacts, HealthEndpointSymbols> report, bool registrationsOnly)
    {
        var appTypes = new ConcurrentQueue<HealthEndpointFacts>();
        context.RegisterSymbolStartAction(
            symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
                {
                    return;
                }

                // Only static classes are read as syntax (they hold the extension methods that take the app, and may
                // start a second app from a static method taking the command line); any other method the app reaches is
                // bound when the app is handed to it. In a library only static classes can extend the app.
                if (_isLibrary && !(type.IsStatic && type.MightContainExtensionMethods))
                {
                    return;
                }

                var shape = type.IsStatic ? AppRoots.ReadShape(type) : default;

                if (FindAppType(type, shape) is { } facts)
                {
                    appTypes.Enqueue(facts);
                    symbolStart.RegisterOperationAction(c => OnInvocation(c, facts), OperationKind.Invocation);
                    symbolStart.RegisterOperationAction(c => OnObjectCreation(c, facts), OperationKind.ObjectCreation);
                    symbolStart.RegisterOperationAction(c => OnReturnOrAssignment(c, facts), OperationKind.Return, OperationKind.SimpleAssignment);
                    symbolStart.RegisterOperationAction(c => OnInvalid(c, facts), OperationKind.Invalid);
                }
                else if (!registrationsOnly && shape.TakesApp)
                {
                    symbolStart.RegisterOperationBlockStartAction(blockStart => _classifier.OnHelperBlock(blockStart));
                }
            },
            SymbolKind.NamedType);

        context.RegisterCompilationEndAction(end =>
        {
            foreach (var facts in appTypes)
            {
                if (facts.StartupConfigure is not null && !_roots.UsesStartupClass)
                {
                    continue; // a leftover Startup class that nothing hands to UseStartup
                }

                if (!registrationsOnly || facts.Registrations.Count > 0)
                {
                    Resolve(facts, end.CancellationToken);
                }

                report(end, facts, this);
            }
        });
    }

    /// <summary>The facts to collect when the type composes the app (or, in a library, extends it); otherwise null.</summary>
    private HealthEndpointFacts? FindAppType(INamedTypeSymbol type, TypeShape shape)
    {
        if (_isLibrary)
        {
            return _roots.ExtendsApp(type, shape) ? new HealthEndpointFacts(startupConfigure: null, isLibraryType: true) : null;
        }

        var startup = _roots.FindStartupConfigure(type);
        return startup is null && !_roots.HasEntryPoint(type, shape) ? null : new HealthEndpointFacts(startup, isLibraryType: false);
    }

    /// <summary>
    /// Decides the calls that handed the app to other methods, in source order, until one maps or makes the outcome
    /// unknowable: an app that maps an endpoint itself follows none of them.
    /// </summary>
    private void Resolve(HealthEndpointFacts facts, CancellationToken cancellationToken)
    {
        foreach (var call in facts.Handed)
        {
            if (facts.Mapped || facts.Escaped)
            {
                return;
            }

            var evidence = _classifier.Classify(call.Method, cancellationToken);
            Record(facts, AppCallClassifier.InDevelopment(evidence, call.InDevelopment), call.Location!);
        }
    }

    private void OnInvocation(OperationAnalysisContext context, HealthEndpointFacts facts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var original = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
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
                || (containingType.Name == "HostingAbstractionsHostExtensions" && App.IsApp(invocation.GetReceiverOrThisArgument()?.WalkDownConversions().Type)):
                facts.AddRun(invocation.GetNameLocation());
                return;
        }

        if (IsKnownMapping(original) || (original.Name.StartsWith("Map", StringComparison.Ordinal) && ProbeEndpoints.HasProbeRoute(invocation)))
        {
            facts.AddMapping(invocation.GetNameLocation(), DevelopmentBranch.Contains(invocation));
            return;
        }

        if (IsKnownRegistration(original, containingType)
            || RuleOptions.MatchesMethod(GetTreeOptions(invocation.Syntax.SyntaxTree).RegistrationMethods, original)
            || (ReceivesServices(invocation) && !KnownAssemblies.IsNeutral(original.ContainingAssembly) && HasAttribute(original, RegistersAttribute)))
        {
            facts.AddRegistration(invocation.GetNameLocation(), original.Name);
            return;
        }

        if (RegistersStartupFilter(original, invocation))
        {
            facts.MarkEscaped(); // an IStartupFilter can add middleware (and probes) to the pipeline
            return;
        }

        if (!App.ReceivesApp(invocation)
            || SymbolEqualityComparer.Default.Equals(containingType.OriginalDefinition, context.ContainingSymbol.ContainingType?.OriginalDefinition))
        {
            return; // methods of the same type are analysed as part of it
        }

        if (ClassifyConfigured(invocation) is { } configured)
        {
            Record(facts, configured, invocation, invocation.GetNameLocation());
            return;
        }

        facts.AddHanded(new HandedCall(original, DevelopmentBranch.Contains(invocation), invocation.GetNameLocation()));
    }

    private static void Record(HealthEndpointFacts facts, MappingEvidence evidence, IOperation call, Location location)
        => Record(facts, AppCallClassifier.InDevelopment(evidence, evidence == MappingEvidence.Maps && DevelopmentBranch.Contains(call)), location);

    private static void Record(HealthEndpointFacts facts, MappingEvidence evidence, Location location)
    {
        switch (evidence)
        {
            case MappingEvidence.Maps:
                facts.AddMapping(location, developmentOnly: false);
                break;
            case MappingEvidence.MapsInDevelopmentOnly:
                facts.AddMapping(location, developmentOnly: true);
                break;
            case MappingEvidence.Unknown:
                facts.MarkEscaped();
                break;
        }
    }

    /// <summary>Methods named in <c>OPS0001.mapping_methods</c> / <c>OPS0001.development_only_mapping_methods</c>.</summary>
    internal MappingEvidence? ClassifyConfigured(IInvocationOperation invocation)
    {
        var treeOptions = GetTreeOptions(invocation.Syntax.SyntaxTree);
        if (treeOptions.IsEmpty)
        {
            return null;
        }

        if (RuleOptions.MatchesMethod(treeOptions.MappingMethods, invocation.TargetMethod))
        {
            return MappingEvidence.Maps;
        }

        return RuleOptions.MatchesMethod(treeOptions.DevelopmentOnlyMappingMethods, invocation.TargetMethod) ? MappingEvidence.MapsInDevelopmentOnly : null;
    }

    private void OnObjectCreation(OperationAnalysisContext context, HealthEndpointFacts facts)
    {
        if (App.EscapesInto((IObjectCreationOperation)context.Operation))
        {
            facts.MarkEscaped();
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

        // The app leaves the type's methods: someone else may map endpoints on it. A library's extension methods
        // return the app they were given by convention; that hands nothing new to anyone.
        if (!facts.IsLibraryType && value is not null && App.IsApp(value.WalkDownConversions().Type))
        {
            facts.MarkEscaped();
        }
    }

    private void OnInvalid(OperationAnalysisContext context, HealthEndpointFacts facts)
    {
        // A call that does not bind (a package not restored yet): its name is all there is.
        var invalid = (IInvalidOperation)context.Operation;
        if (invalid.Syntax is InvocationExpressionSyntax syntax && App.InvolvesApp(invalid))
        {
            Record(facts, AppCallClassifier.ClassifyUnresolved(syntax.GetInvokedName()), invalid, syntax.GetNameLocation());
        }
    }

    private static bool ReceivesServices(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions().Type?.Name is "IServiceCollection" or "IHostApplicationBuilder" or "WebApplicationBuilder" or "IHealthChecksBuilder")
            {
                return true;
            }
        }

        return false;
    }

    internal bool IsKnownMapping(IMethodSymbol method)
        => method.ContainingType is { } type
            && ((method.Name == "MapHealthChecks" && SymbolEqualityComparer.Default.Equals(type, _mapHealthChecks.Value))
                || (method.Name == "UseHealthChecks" && SymbolEqualityComparer.Default.Equals(type, _useHealthChecks.Value))
                || (method.Name == OpsKitSymbols.MapOpsHealth && SymbolEqualityComparer.Default.Equals(type, _mapOpsHealth.Value)));

    public static bool IsMappingName(string name) => name is "MapHealthChecks" or "UseHealthChecks" or OpsKitSymbols.MapOpsHealth;

    private bool IsKnownRegistration(IMethodSymbol method, INamedTypeSymbol containingType)
        => (method.Name == "AddHealthChecks" && SymbolEqualityComparer.Default.Equals(containingType, _addHealthChecks.Value))
            || (method.Name == OpsKitSymbols.AddOpsHealth && SymbolEqualityComparer.Default.Equals(containingType, _addOpsHealth.Value));

    internal bool HasMapsAttribute(IMethodSymbol method) => HasAttribute(method, MapsAttribute);

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

    /// <summary>
    /// <c>services.AddTransient&lt;IStartupFilter, T&gt;()</c> and the like: only generic registration methods are asked
    /// (their type arguments are built for the question); the container's own methods by the service type they
    /// register, any other method by each type argument's interfaces, once per type and compilation.
    /// </summary>
    private bool RegistersStartupFilter(IMethodSymbol original, IInvocationOperation invocation)
    {
        if (!original.IsGenericMethod || original.Name.IndexOf("Add", StringComparison.Ordinal) < 0 || _startupFilter.Value is null)
        {
            return false;
        }

        var typeArguments = invocation.TargetMethod.TypeArguments;
        if (IsContainerRegistration(original))
        {
            // The container's own Add… methods register their first type argument as the service: an implementation
            // type that also implements IStartupFilter is not resolved as one.
            return SymbolEqualityComparer.Default.Equals(typeArguments[0], _startupFilter.Value);
        }

        foreach (var typeArgument in typeArguments)
        {
            if (_isStartupFilter.GetOrAdd(typeArgument, IsStartupFilter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsContainerRegistration(IMethodSymbol method)
        => method.ContainingType is { Name: "ServiceCollectionServiceExtensions" or "ServiceCollectionDescriptorExtensions" } type
            && type.ContainingNamespace is { Name: "DependencyInjection" or "Extensions" } ns
            && ns.ToDisplayString() is "Microsoft.Extensions.DependencyInjection" or "Microsoft.Extensions.DependencyInjection.Extensions";

    private bool IsStartupFilter(ITypeSymbol type)
        => SymbolEqualityComparer.Default.Equals(type, _startupFilter.Value) || type.AllInterfaces.Contains(_startupFilter.Value!, SymbolEqualityComparer.Default);

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

        public bool IsEmpty => MappingMethods.Count == 0 && DevelopmentOnlyMappingMethods.Count == 0;
    }
}
