using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0008: a dependency check (database, cache, message broker, HTTP) registered with the tag "live" (or
/// "liveness"), on an <c>IHealthChecksBuilder</c> or on OpsKit's <c>OpsHealthBuilder</c>. What counts as a dependency
/// check is decided by <see cref="DependencyChecks"/>; methods listed in <c>OPS0008.dependency_check_methods</c> count too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DependencyCheckTaggedLiveAnalyzer : DiagnosticAnalyzer
{
    public const string DependencyMethodsOption = "OPS0008.dependency_check_methods";
    public const string LiveTagsOption = "OPS0008.live_tags";
    private const string OpsHealthBuilderType = "OpsKit.Health.OpsHealthBuilder";
    private const string HealthChecksBuilderType = "Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder";
    private const string HealthChecksAssembly = "Microsoft.Extensions.Diagnostics.HealthChecks";
    private const string OpsKitAssembly = "OpsKit";
    private const string OpsCheckOptionsType = "OpsHealthCheckOptions";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DependencyCheckTaggedLive];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var compilation = compilationStart.Compilation;
            if (!compilation.MayContainType(HealthChecksBuilderType, HealthChecksAssembly) && !compilation.MayContainType(OpsHealthBuilderType, OpsKitAssembly))
            {
                return;
            }

            var healthChecksBuilder = compilation.GetBestTypeByMetadataName(HealthChecksBuilderType, HealthChecksAssembly);
            var opsHealthBuilder = compilation.GetBestTypeByMetadataName(OpsHealthBuilderType, OpsKitAssembly);
            if ((healthChecksBuilder is null && opsHealthBuilder is null) || ProjectProperties.IsTestProject(compilationStart.Options))
            {
                return;
            }

            var state = new State(healthChecksBuilder, opsHealthBuilder, compilation, compilationStart.Options, AreTagsConfigured(compilation, compilationStart.Options));
            if (state.TagsConfigured)
            {
                // Configured tags can be any word: every string literal is a candidate.
                compilationStart.RegisterSyntaxNodeAction(
                    c => OnLiteral((LiteralExpressionSyntax)c.Node, () => c.SemanticModel, state, c.ReportDiagnostic, c.CancellationToken),
                    SyntaxKind.StringLiteralExpression);
            }
            else
            {
                // Driven by the tag literals, not by every call or literal: a file whose text never says "live" has no
                // "live" or "liveness" literal, and most files do not.
                compilationStart.RegisterSyntaxTreeAction(c => OnTree(c, compilation, state));
            }
        });
    }

    private static void OnTree(SyntaxTreeAnalysisContext context, Compilation compilation, State state)
    {
        // The opening quote is part of the search: "live" and "liveness" literals (verbatim and raw ones too) contain
        // it, while identifiers such as LiveTv, which some projects repeat in every file, do not.
        const string Live = "\"live";
        var text = context.Tree.GetText(context.CancellationToken);
        var index = SourceTextSearch.IndexOfIgnoreCase(text, Live, 0);
        if (index < 0)
        {
            return;
        }

        var root = context.Tree.GetRoot(context.CancellationToken);
        SemanticModel? model = null;
        for (; index >= 0; index = SourceTextSearch.IndexOfIgnoreCase(text, Live, index + Live.Length))
        {
            if (root.FindToken(index + 1).Parent is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression)
                || !IsLiveTag(literal.Token.ValueText, ImmutableHashSet<string>.Empty))
            {
                continue;
            }

#pragma warning disable RS1030 // Only for a "live" literal in a call that may register a dependency; the driver caches semantic models per tree.
            OnLiteral(literal, () => model ??= compilation.GetSemanticModel(context.Tree), state, context.ReportDiagnostic, context.CancellationToken);
#pragma warning restore RS1030
            index = Math.Max(index, literal.Span.End - Live.Length); // the next match starts after this literal
        }
    }

    private static void OnLiteral(LiteralExpressionSyntax literal, Func<SemanticModel> getModel, State state, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        // Without OPS0008.live_tags anywhere (the usual case) the literal's text decides before any lookup.
        var liveTags = state.TagsConfigured ? state.LiveTags(literal.SyntaxTree) : ImmutableHashSet<string>.Empty;
        if (!IsLiveTag(literal.Token.ValueText, liveTags))
        {
            return;
        }

        // The call the literal is an argument of (directly, in a collection, or in an options lambda).
        var argument = literal.FirstAncestorOrSelf<ArgumentSyntax>();
        if (argument?.Parent?.Parent is not InvocationExpressionSyntax call
            || !state.Checks.MayRegisterDependency(call, state.DependencyMethods(literal.SyntaxTree), cancellationToken))
        {
            return;
        }

        if (state.Candidates.Decide(call, literal, argument, state.DependencyMethods(literal.SyntaxTree), cancellationToken) is { } reported)
        {
            if (reported)
            {
                report(Diagnostic.Create(Descriptors.DependencyCheckTaggedLive, literal.GetLocation(), call.GetInvokedName(), literal.Token.ValueText));
            }

            return;
        }

        var diagnostic = getModel().GetOperation(call, cancellationToken) switch
        {
            IInvocationOperation invocation => Analyze(invocation, literal, state, cancellationToken),
            IInvalidOperation invalid => AnalyzeUnresolved(invalid, literal, state),
            _ => null,
        };
        if (diagnostic is not null)
        {
            report(diagnostic);
        }
    }

    private static Diagnostic? Analyze(IInvocationOperation invocation, LiteralExpressionSyntax literal, State state, System.Threading.CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (!method.IsExtensionMethod || method.Parameters.Length < 2 || !state.IsBuilder(method.Parameters[0].Type))
        {
            return null;
        }

        var element = Find(TagElements(invocation), literal);
        if (element is null
            || !state.Checks.IsDependencyRegistration(invocation, method, state.DependencyMethods(literal.SyntaxTree), cancellationToken))
        {
            return null;
        }

        return Diagnostic.Create(Descriptors.DependencyCheckTaggedLive, literal.GetLocation(), method.Name, literal.Token.ValueText);
    }

    private static IOperation? Find(ImmutableArray<IOperation> elements, LiteralExpressionSyntax literal)
    {
        foreach (var element in elements)
        {
            if (element.Syntax == literal)
            {
                return element;
            }
        }

        return null;
    }

    /// <summary>
    /// A call on a health checks builder that does not bind (the package is not restored, or its version lacks the
    /// overload): a well-known dependency method name and a <c>tags:</c> argument are all there is.
    /// </summary>
    private static Diagnostic? AnalyzeUnresolved(IInvalidOperation invalid, LiteralExpressionSyntax literal, State state)
    {
        if (invalid.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } syntax
            || !DependencyChecks.IsWellKnownDependencyName(memberAccess.Name.Identifier.ValueText))
        {
            return null;
        }

        IOperation? receiver = null;
        IOperation? tags = null;
        var tagsSyntax = syntax.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "tags")?.Expression;
        foreach (var child in invalid.ChildOperations)
        {
            var value = child is IArgumentOperation argument ? argument.Value : child;
            if (value.Syntax == memberAccess.Expression)
            {
                receiver = value;
            }
            else if (tagsSyntax is not null && value.WalkDownConversions().Syntax == tagsSyntax)
            {
                tags = value.WalkDownConversions();
            }
        }

        if (receiver?.Type is not { } receiverType || !state.IsBuilder(receiverType) || tags is null || Find(Elements(tags), literal) is null)
        {
            return null;
        }

        return Diagnostic.Create(Descriptors.DependencyCheckTaggedLive, literal.GetLocation(), memberAccess.Name.Identifier.ValueText, literal.Token.ValueText);
    }

    /// <summary>
    /// The constant tags of the call: its <c>tags</c> argument, or for OpsKit's AddRedis/AddNpgsql the <c>Tags</c>
    /// assigned in the options lambda (<c>o =&gt; o.Tags = ["live"]</c>).
    /// </summary>
    private static ImmutableArray<IOperation> TagElements(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (argument.Parameter?.Name == "tags")
            {
                return Elements(argument.Value.WalkDownConversions());
            }

            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tags" } property } assignment
                        && InheritsFrom(property.Property.ContainingType, OpsCheckOptionsType))
                    {
                        return Elements(assignment.Value.WalkDownConversions());
                    }
                }
            }
        }

        return ImmutableArray<IOperation>.Empty;
    }

    private static bool InheritsFrom(INamedTypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLiveTag(string tag, ImmutableHashSet<string> configured)
        => configured.Count > 0
            ? configured.Contains(tag)
            : tag.Equals("live", StringComparison.OrdinalIgnoreCase) || tag.Equals("liveness", StringComparison.OrdinalIgnoreCase);

    /// <summary>The elements of <c>new[] { … }</c>, <c>["…"]</c>, <c>new List&lt;string&gt; { … }</c>.</summary>
    private static ImmutableArray<IOperation> Elements(IOperation tags)
    {
        switch (tags)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues;
            case ICollectionExpressionOperation collection:
                return collection.Elements;
            case IObjectCreationOperation { Initializer: { } objectInitializer }:
                var builder = ImmutableArray.CreateBuilder<IOperation>();
                foreach (var element in objectInitializer.Initializers)
                {
                    if (element is IInvocationOperation { Arguments.Length: 1 } add)
                    {
                        builder.Add(add.Arguments[0].Value);
                    }
                }

                return builder.ToImmutable();
            default:
                return ImmutableArray<IOperation>.Empty;
        }
    }

    private static bool AreTagsConfigured(Compilation compilation, AnalyzerOptions options)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        if (provider.GlobalOptions.TryGetValue(LiveTagsOption, out _))
        {
            return true;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider.GetOptions(tree).TryGetValue(LiveTagsOption, out _))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class State
    {
        private readonly INamedTypeSymbol? _healthChecksBuilder;
        private readonly INamedTypeSymbol? _opsHealthBuilder;
        private readonly AnalyzerOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableHashSet<string>> _liveTags = new();
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableHashSet<string>> _dependencyMethods = new();

        public State(INamedTypeSymbol? healthChecksBuilder, INamedTypeSymbol? opsHealthBuilder, Compilation compilation, AnalyzerOptions options, bool tagsConfigured)
        {
            _healthChecksBuilder = healthChecksBuilder;
            _opsHealthBuilder = opsHealthBuilder;
            _options = options;
            TagsConfigured = tagsConfigured;
            Checks = new DependencyChecks(compilation, IsBuilder);
            Candidates = new DependencyCallCandidates(compilation, Checks, IsBuilder);
        }

        /// <summary>Whether any file of the compilation sets <c>OPS0008.live_tags</c>.</summary>
        public bool TagsConfigured { get; }

        public DependencyChecks Checks { get; }

        public DependencyCallCandidates Candidates { get; }

        public ImmutableHashSet<string> LiveTags(SyntaxTree tree) => _liveTags.GetOrAdd(tree, t => RuleOptions.GetList(_options, t, LiveTagsOption));

        public ImmutableHashSet<string> DependencyMethods(SyntaxTree tree) => _dependencyMethods.GetOrAdd(tree, t => RuleOptions.GetList(_options, t, DependencyMethodsOption));

        // By name as well as by symbol: a restored package may bring its own copy of the abstractions assembly.
        public bool IsBuilder(ITypeSymbol type)
            => SymbolEqualityComparer.Default.Equals(type, _healthChecksBuilder) || SymbolEqualityComparer.Default.Equals(type, _opsHealthBuilder)
                || (type.Name is "IHealthChecksBuilder" or "OpsHealthBuilder"
                    && type.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.DependencyInjection" or "OpsKit.Health");
    }
}
