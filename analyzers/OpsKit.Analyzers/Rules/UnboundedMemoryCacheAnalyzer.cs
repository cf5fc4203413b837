using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0003: a memory cache that provably has no SizeLimit. Either <c>new MemoryCache(…)</c> with options visibly built
/// without it (a derived options type's own <c>SizeLimit</c> hides the real one and does not count), or the host's
/// <c>AddMemoryCache()</c> when no registration or <c>Configure&lt;MemoryCacheOptions&gt;</c> of the same compilation
/// sets, binds or may set SizeLimit. A registration is the host's in an application, and in a library when it sits
/// in an instance method that returns nothing (the library composing a host's services, as a <c>Startup</c> or an
/// application host class does); a library's extension method, static helper or builder API only makes sure the
/// cache exists for a host that decides the bound.
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

            // Both a MemoryCache creation and an AddMemoryCache call sit in a member whose text names MemoryCache (the
            // cache's type, the options' type, or the registration's name), in a file that imports the caching or the
            // DI namespace: a compilation with no such file registers nothing, and only the members around those
            // names are bound.
            var files = CacheFiles.For(compilationStart.Compilation);
            if (!files.AnyNamesMemoryCache(compilationStart.CancellationToken))
            {
                return;
            }

            var isApplication = ProjectProperties.IsApplication(compilationStart.Options, compilationStart.Compilation)
                || ProjectProperties.IsWebApplication(compilationStart.Options);
            if (CacheEntryFacts.For(compilationStart.Compilation) is not { } facts)
            {
                UnresolvedMemoryCache.Register(compilationStart, isApplication, files);
                return;
            }

            var rule = new Rule(facts, isApplication, compilationStart.Options);
            compilationStart.RegisterSemanticModelAction(c =>
            {
                if (files.NamesMemoryCache(c.SemanticModel.SyntaxTree, c.CancellationToken))
                {
                    rule.Analyze(c, files.Of(c.SemanticModel.SyntaxTree, c.CancellationToken));
                }
            });
        });
    }

    internal static Diagnostic CreateDiagnostic(Location location, string kind)
        => Diagnostic.Create(
            Descriptors.UnboundedMemoryCache,
            location,
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            kind == "MemoryCache" ? "new MemoryCache(...)" : "AddMemoryCache");

    /// <summary>
    /// The host's registration: any in an application; in a library, one inside an instance method (or a lambda in
    /// one) that returns nothing (void or Task), never in an extension method or a static helper.
    /// </summary>
    internal static bool IsHostRegistration(IOperation operation, ISymbol containingSymbol, bool isApplication)
    {
        if (isApplication)
        {
            return true;
        }

        if (containingSymbol is not IMethodSymbol method || method.IsExtensionMethod || method.IsStatic || method.ContainingType is { IsStatic: true })
        {
            return false;
        }

        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                return ReturnsNothing(lambda.Symbol);
            }

            if (current is ILocalFunctionOperation local)
            {
                return ReturnsNothing(local.Symbol);
            }
        }

        return ReturnsNothing(method);
    }

    private static bool ReturnsNothing(IMethodSymbol method)
        => method.ReturnsVoid || method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };

    private sealed class Rule(CacheEntryFacts facts, bool isApplication, AnalyzerOptions analyzerOptions)
    {
        public void Analyze(SemanticModelAnalysisContext context, CacheFileText file)
        {
            var model = context.SemanticModel;
            foreach (var member in CacheMentions.Members(model.SyntaxTree.GetRoot(context.CancellationToken), file.CacheNameOffsets))
            {
                foreach (var node in member.DescendantNodes())
                {
                    var candidate = node switch
                    {
                        ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } creation => CacheMentions.LastName(creation.Type) == "MemoryCache",
                        ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } => true,
                        InvocationExpressionSyntax invocation => invocation.GetInvokedName() == "AddMemoryCache",
                        _ => false,
                    };
                    if (!candidate)
                    {
                        continue;
                    }

                    switch (model.GetOperation(node, context.CancellationToken))
                    {
                        case IObjectCreationOperation creation:
                            OnObjectCreation(context, creation);
                            break;
                        case IInvocationOperation invocation:
                            OnInvocation(context, invocation);
                            break;
                    }
                }
            }
        }

        private void OnObjectCreation(SemanticModelAnalysisContext context, IObjectCreationOperation creation)
        {
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, facts.MemoryCache) || creation.Arguments.Length == 0 || IsIgnored(context, creation))
            {
                return;
            }

            var optionsArgument = ArgumentFor(creation.Arguments, 0);
            if (optionsArgument is not null && IsProvablyUnbounded(optionsArgument, creation))
            {
                context.ReportDiagnostic(CreateDiagnostic(creation.Syntax.GetLocation(), "MemoryCache"));
            }
        }

        private void OnInvocation(SemanticModelAnalysisContext context, IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.Name != "AddMemoryCache"
                || SharedCacheRegistrations.Classify(facts, invocation) != RegistrationKind.Unbounded
                || CacheMentions.ContainingMember(context.SemanticModel, invocation.Syntax, context.CancellationToken) is not { } containing
                || !IsHostRegistration(invocation, containing, isApplication)
                || facts.Shared.Bound != CacheBound.Unbounded
                || IsIgnored(context, invocation))
            {
                return;
            }

            context.ReportDiagnostic(CreateDiagnostic(invocation.GetNameLocation(), "AddMemoryCache"));
        }

        private bool IsIgnored(SemanticModelAnalysisContext context, IOperation operation)
        {
            var type = CacheMentions.ContainingMember(context.SemanticModel, operation.Syntax, context.CancellationToken)?.ContainingType;
            return type is not null && RuleOptions.MatchesType(RuleOptions.GetList(analyzerOptions, operation.Syntax.SyntaxTree, IgnoredTypesOption), type);
        }

        /// <summary>The options passed to the MemoryCache constructor are visibly built without SizeLimit.</summary>
        private bool IsProvablyUnbounded(IOperation value, IOperation anchor)
        {
            value = value.WalkDownConversions();
            switch (value)
            {
                case IObjectCreationOperation creation when facts.IsOptionsType(creation.Type):
                    return CacheOptionsBound.OfOptionsCreation(facts, creation) == CacheBound.Unbounded;
                case IInvocationOperation { TargetMethod.Name: "Create" } invocation
                    when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, facts.OptionsFactory) && invocation.Arguments.Length == 1:
                    return IsProvablyUnbounded(invocation.Arguments[0].Value, anchor);
                case ILocalReferenceOperation local:
                    return IsLocalProvablyUnbounded(local.Local, anchor);
                default:
                    // A field, a parameter, a method's result: built somewhere we do not look.
                    return false;
            }
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
                            || !facts.IsOptionsType(creation.Type)
                            || CacheOptionsBound.OfOptionsCreation(facts, creation) != CacheBound.Unbounded)
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
                case IArgumentOperation { Parent: IObjectCreationOperation creation } when SymbolEqualityComparer.Default.Equals(creation.Type, facts.MemoryCache):
                    return true;
                case IArgumentOperation { Parent: IInvocationOperation invocation }
                    when invocation.TargetMethod.Name == "Create" && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, facts.OptionsFactory):
                    return true;
                default:
                    return false;
            }
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
}
