using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0008: a dependency check (database, cache, message broker, HTTP) registered with the tag "live" (or
/// "liveness"). Dependency checks are recognised by where they come from: the AspNetCore.HealthChecks.* packages
/// (except the process-local System checks), EF Core's AddDbContextCheck, the OpsKit.* integration packages, and
/// methods listed in <c>OPS0008.dependency_check_methods</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DependencyCheckTaggedLiveAnalyzer : DiagnosticAnalyzer
{
    public const string DependencyMethodsOption = "OPS0008.dependency_check_methods";
    public const string LiveTagsOption = "OPS0008.live_tags";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DependencyCheckTaggedLive];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var builder = compilationStart.Compilation.GetBestTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder");
            if (builder is null || ProjectProperties.IsTestProject(compilationStart.Options))
            {
                return;
            }

            var options = compilationStart.Options;
            compilationStart.RegisterOperationAction(c => Analyze(c, builder, options), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol builder, AnalyzerOptions options)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (!method.IsExtensionMethod || method.Parameters.Length < 2 || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, builder))
        {
            return;
        }

        IOperation? tags = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "tags" && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                tags = argument.Value;
            }
        }

        if (tags is null)
        {
            return;
        }

        var tree = invocation.Syntax.SyntaxTree;
        if (!IsDependencyCheck(method, RuleOptions.GetList(options, tree, DependencyMethodsOption)))
        {
            return;
        }

        var liveTags = RuleOptions.GetList(options, tree, LiveTagsOption);
        foreach (var element in Elements(tags.WalkDownConversions()))
        {
            if (element.ConstantValue is { HasValue: true, Value: string tag } && IsLiveTag(tag, liveTags))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DependencyCheckTaggedLive, element.Syntax.GetLocation(), method.Name, tag));
            }
        }
    }

    private static bool IsLiveTag(string tag, ImmutableHashSet<string> configured)
        => configured.Count > 0
            ? configured.Contains(tag)
            : tag.Equals("live", StringComparison.OrdinalIgnoreCase) || tag.Equals("liveness", StringComparison.OrdinalIgnoreCase);

    private static bool IsDependencyCheck(IMethodSymbol method, ImmutableHashSet<string> configured)
    {
        if (RuleOptions.MatchesMethod(configured, method))
        {
            return true;
        }

        var assembly = method.ContainingAssembly?.Name ?? string.Empty;
        if (assembly.StartsWith("AspNetCore.HealthChecks.", StringComparison.Ordinal))
        {
            // Process-local checks (disk, memory, process) and the UI/publishers are not dependencies.
            return !(assembly is "AspNetCore.HealthChecks.System"
                || assembly.StartsWith("AspNetCore.HealthChecks.UI", StringComparison.Ordinal)
                || assembly.StartsWith("AspNetCore.HealthChecks.Publisher", StringComparison.Ordinal)
                || assembly.StartsWith("AspNetCore.HealthChecks.Prometheus", StringComparison.Ordinal));
        }

        return method.Name == "AddDbContextCheck"
            || (assembly.StartsWith("OpsKit.", StringComparison.Ordinal) && !assembly.StartsWith("OpsKit.Analyzers", StringComparison.Ordinal) && assembly != "OpsKit.Testing");
    }

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
}
