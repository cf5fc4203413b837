using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
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
    private const string OpsCheckOptionsType = "OpsHealthCheckOptions";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DependencyCheckTaggedLive];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var compilation = compilationStart.Compilation;
            var healthChecksBuilder = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder");
            var opsHealthBuilder = compilation.GetBestTypeByMetadataName(OpsHealthBuilderType);
            if ((healthChecksBuilder is null && opsHealthBuilder is null) || ProjectProperties.IsTestProject(compilationStart.Options))
            {
                return;
            }

            var state = new State(healthChecksBuilder, opsHealthBuilder, new DependencyChecks(compilation), compilationStart.Options);
            compilationStart.RegisterOperationAction(c => Analyze(c, state), OperationKind.Invocation);
            compilationStart.RegisterOperationAction(c => AnalyzeUnresolved(c, state), OperationKind.Invalid);
        });
    }

    private static void Analyze(OperationAnalysisContext context, State state)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (!method.IsExtensionMethod || method.Parameters.Length < 2 || !state.IsBuilder(method.Parameters[0].Type))
        {
            return;
        }

        var tags = TagElements(invocation);
        if (tags.IsEmpty)
        {
            return;
        }

        var tree = invocation.Syntax.SyntaxTree;
        if (!state.Checks.IsDependencyRegistration(invocation, method, RuleOptions.GetList(state.Options, tree, DependencyMethodsOption), context.CancellationToken))
        {
            return;
        }

        var liveTags = RuleOptions.GetList(state.Options, tree, LiveTagsOption);
        foreach (var element in tags)
        {
            if (element.ConstantValue is { HasValue: true, Value: string tag } && IsLiveTag(tag, liveTags))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DependencyCheckTaggedLive, element.Syntax.GetLocation(), method.Name, tag));
            }
        }
    }

    /// <summary>
    /// A call on a health checks builder that does not bind (the package is not restored, or its version lacks the
    /// overload): a well-known dependency method name and a <c>tags:</c> argument are all there is.
    /// </summary>
    private static void AnalyzeUnresolved(OperationAnalysisContext context, State state)
    {
        var invalid = (IInvalidOperation)context.Operation;
        if (invalid.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } syntax
            || !DependencyChecks.IsWellKnownDependencyName(memberAccess.Name.Identifier.ValueText))
        {
            return;
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

        if (receiver?.Type is not { } receiverType || !state.IsBuilder(receiverType) || tags is null)
        {
            return;
        }

        var liveTags = RuleOptions.GetList(state.Options, syntax.SyntaxTree, LiveTagsOption);
        foreach (var element in Elements(tags))
        {
            if (element.ConstantValue is { HasValue: true, Value: string tag } && IsLiveTag(tag, liveTags))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DependencyCheckTaggedLive, element.Syntax.GetLocation(), memberAccess.Name.Identifier.ValueText, tag));
            }
        }
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

    private sealed class State(INamedTypeSymbol? healthChecksBuilder, INamedTypeSymbol? opsHealthBuilder, DependencyChecks checks, AnalyzerOptions options)
    {
        public DependencyChecks Checks { get; } = checks;

        public AnalyzerOptions Options { get; } = options;

        public bool IsBuilder(ITypeSymbol type)
            => SymbolEqualityComparer.Default.Equals(type, healthChecksBuilder) || SymbolEqualityComparer.Default.Equals(type, opsHealthBuilder);
    }
}
