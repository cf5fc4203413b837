using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0003: <c>new MemoryCache(new MemoryCacheOptions { … })</c> or <c>AddMemoryCache(…)</c> without <c>SizeLimit</c>.
/// Options that are set later, bound from configuration or configured through <c>Configure&lt;MemoryCacheOptions&gt;</c>
/// count as bounded: the rule reports only what it can see is unbounded.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedMemoryCacheAnalyzer : DiagnosticAnalyzer
{
    public const string IgnoredTypesOption = "OPS0003.ignored_types";

    /// <summary>Diagnostic property: "AddMemoryCache" or "MemoryCache" (which call the fix rewrites).</summary>
    internal const string KindProperty = "Kind";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UnboundedMemoryCache];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            if (ProjectProperties.IsTestProject(compilationStart.Options))
            {
                return;
            }

            var compilation = compilationStart.Compilation;
            var options = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.MemoryCacheOptions");
            if (options is null)
            {
                return;
            }

            var symbols = new Symbols(
                options,
                compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Caching.Memory.MemoryCache"),
                compilation.GetBestTypeByMetadataName("Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions"),
                compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Options.Options"),
                ProjectProperties.IsApplication(compilationStart.Options, compilation),
                compilationStart.Options,
                compilation);

            compilationStart.RegisterSymbolStartAction(symbolStart => symbols.OnType(symbolStart), SymbolKind.NamedType);
        });
    }

    private sealed class Symbols(
        INamedTypeSymbol options,
        INamedTypeSymbol? memoryCache,
        INamedTypeSymbol? addMemoryCache,
        INamedTypeSymbol? optionsFactory,
        bool isApplication,
        AnalyzerOptions analyzerOptions,
        Compilation compilation)
    {
        private readonly Lazy<ImmutableArray<SyntaxTree>> _treesConfiguringOptions = new(() => FindTreesConfiguringOptions(compilation));

        /// <summary>
        /// Files that name <c>MemoryCacheOptions</c> as a generic argument (Configure&lt;MemoryCacheOptions&gt;,
        /// IConfigureOptions&lt;MemoryCacheOptions&gt;, AddOptions&lt;MemoryCacheOptions&gt;…). A text search, done once
        /// and only when an AddMemoryCache() is about to be reported: configuration in another class may set SizeLimit.
        /// </summary>
        private static ImmutableArray<SyntaxTree> FindTreesConfiguringOptions(Compilation compilation)
        {
            var builder = ImmutableArray.CreateBuilder<SyntaxTree>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.TryGetText(out var text) ? text.ToString().Contains("MemoryCacheOptions>") : tree.GetText().ToString().Contains("MemoryCacheOptions>"))
                {
                    builder.Add(tree);
                }
            }

            return builder.ToImmutable();
        }

        public void OnType(SymbolStartAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.Locations.Length == 0 || !type.Locations[0].IsInSource)
            {
                return;
            }

            var ignored = RuleOptions.GetList(analyzerOptions, type.Locations[0].SourceTree!, IgnoredTypesOption);
            if (RuleOptions.MatchesType(ignored, type))
            {
                return;
            }

            var state = new TypeState();
            if (memoryCache is not null)
            {
                context.RegisterOperationAction(OnObjectCreation, OperationKind.ObjectCreation);
            }

            if (addMemoryCache is not null && isApplication)
            {
                context.RegisterOperationAction(c => OnInvocation(c, state), OperationKind.Invocation);
                context.RegisterSymbolEndAction(c => OnTypeEnd(c, state));
            }
        }

        private void OnObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, memoryCache) || creation.Arguments.Length == 0)
            {
                return;
            }

            var optionsArgument = ArgumentFor(creation.Arguments, 0);
            if (optionsArgument is not null && IsProvablyUnbounded(optionsArgument, context.Operation))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UnboundedMemoryCache,
                    creation.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "MemoryCache"),
                    "new MemoryCache(...)"));
            }
        }

        private void OnInvocation(OperationAnalysisContext context, TypeState state)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name == "AddMemoryCache" && SymbolEqualityComparer.Default.Equals(method.ContainingType, addMemoryCache))
            {
                var configure = ArgumentFor(invocation.Arguments, 1);
                if (configure is null)
                {
                    state.AddUnconfigured(invocation.GetNameLocation());
                }
                else if (configure.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                    && IsUnboundedConfigureLambda(lambda))
                {
                    context.ReportDiagnostic(CreateAddMemoryCacheDiagnostic(invocation.GetNameLocation()));
                }

                return;
            }

            // services.Configure<MemoryCacheOptions>(…), PostConfigure, AddOptions<MemoryCacheOptions>(), an
            // IConfigureOptions<MemoryCacheOptions> registration: SizeLimit may be set there.
            if (method.IsGenericMethod && MentionsOptions(method.TypeArguments))
            {
                state.MarkConfigured();
            }
        }

        private void OnTypeEnd(SymbolAnalysisContext context, TypeState state)
        {
            if (state.Configured || state.Unconfigured.Count == 0)
            {
                return;
            }

            foreach (var tree in _treesConfiguringOptions.Value)
            {
                var inThisType = false;
                foreach (var reference in context.Symbol.DeclaringSyntaxReferences)
                {
                    inThisType |= reference.SyntaxTree == tree;
                }

                if (!inThisType)
                {
                    return;
                }
            }

            foreach (var location in state.Unconfigured)
            {
                context.ReportDiagnostic(CreateAddMemoryCacheDiagnostic(location));
            }
        }

        private static Diagnostic CreateAddMemoryCacheDiagnostic(Location location)
            => Diagnostic.Create(
                Descriptors.UnboundedMemoryCache,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "AddMemoryCache"),
                "AddMemoryCache");

        private bool MentionsOptions(ImmutableArray<ITypeSymbol> types)
        {
            foreach (var type in types)
            {
                if (SymbolEqualityComparer.Default.Equals(type, options)
                    || (type is INamedTypeSymbol { IsGenericType: true } generic && MentionsOptions(generic.TypeArguments)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The options passed to the MemoryCache constructor are visibly built without SizeLimit.</summary>
        private bool IsProvablyUnbounded(IOperation value, IOperation anchor)
        {
            value = value.WalkDownConversions();
            switch (value)
            {
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, options):
                    return !InitializerSetsSizeLimit(creation);
                case IInvocationOperation { TargetMethod.Name: "Create" } invocation
                    when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, optionsFactory) && invocation.Arguments.Length == 1:
                    return IsProvablyUnbounded(invocation.Arguments[0].Value, anchor);
                case ILocalReferenceOperation local:
                    return IsLocalProvablyUnbounded(local.Local, anchor);
                default:
                    // A field, a parameter, a method's result: built somewhere we do not look.
                    return false;
            }
        }

        private bool InitializerSetsSizeLimit(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return false;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SizeLimit" } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>var o = new MemoryCacheOptions(); … new MemoryCache(o)</c>: unbounded only when the local is
        /// initialised without SizeLimit, never assigned again, never has SizeLimit set and never leaves the body.
        /// </summary>
        private bool IsLocalProvablyUnbounded(ILocalSymbol local, IOperation anchor)
        {
            var root = anchor;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            var initializedUnbounded = false;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initial = declarator.GetVariableInitializer()?.Value.WalkDownConversions();
                        if (initial is not IObjectCreationOperation creation
                            || !SymbolEqualityComparer.Default.Equals(creation.Type, options)
                            || InitializerSetsSizeLimit(creation))
                        {
                            return false;
                        }

                        initializedUnbounded = true;
                        break;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                        if (!IsHarmlessUse(reference))
                        {
                            return false;
                        }

                        break;
                }
            }

            return initializedUnbounded;
        }

        /// <summary>Touching another property, or handing the options to the MemoryCache constructor / Options.Create.</summary>
        private bool IsHarmlessUse(ILocalReferenceOperation reference)
        {
            var parent = reference.WalkUpConversions();
            switch (parent)
            {
                case IPropertyReferenceOperation property:
                    return property.Property.Name != "SizeLimit";
                case IArgumentOperation { Parent: IObjectCreationOperation creation } when SymbolEqualityComparer.Default.Equals(creation.Type, memoryCache):
                    return true;
                case IArgumentOperation { Parent: IInvocationOperation invocation }
                    when invocation.TargetMethod.Name == "Create" && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, optionsFactory):
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>AddMemoryCache(o => o.ExpirationScanFrequency = …)</c>: the lambda touches only other properties of its
        /// parameter. Any other use of the parameter (binding from configuration, a helper) may set SizeLimit.
        /// </summary>
        private static bool IsUnboundedConfigureLambda(IAnonymousFunctionOperation lambda)
        {
            if (lambda.Symbol.Parameters.Length != 1)
            {
                return false;
            }

            var parameter = lambda.Symbol.Parameters[0];
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                {
                    if (reference.WalkUpConversions() is not IPropertyReferenceOperation property || property.Property.Name == "SizeLimit")
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static IOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, int ordinal)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value;
                }
            }

            return null;
        }
    }

    private sealed class TypeState
    {
        private readonly object _gate = new();
        private readonly List<Location> _unconfigured = [];
        private bool _configured;

        public bool Configured { get { lock (_gate) { return _configured; } } }

        public IReadOnlyList<Location> Unconfigured { get { lock (_gate) { return _unconfigured.ToArray(); } } }

        public void AddUnconfigured(Location location)
        {
            lock (_gate) { _unconfigured.Add(location); }
        }

        public void MarkConfigured()
        {
            lock (_gate) { _configured = true; }
        }
    }
}
