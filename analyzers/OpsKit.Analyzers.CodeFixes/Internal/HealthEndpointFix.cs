using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Shared by the OPS0001 and OPS0002 fixes: inserts <c>app.MapOpsHealth();</c> (OpsKit referenced) or
/// <c>app.MapHealthChecks("/health");</c> before <c>app.Run()</c>, and the matching registration before
/// <c>var app = builder.Build();</c> when none exists. Only top-level programs and Main methods where both
/// statements are plain and the app and builder are locals qualify.
/// </summary>
internal static class HealthEndpointFix
{
    public const string HealthPath = "/health";

    internal sealed class Plan(StatementSyntax run, string app, StatementSyntax? build, string? builder, bool useOpsKit)
    {
        public StatementSyntax RunStatement { get; } = run;

        public string App { get; } = app;

        /// <summary>Where the registration goes; null when registration is not needed.</summary>
        public StatementSyntax? BuildStatement { get; } = build;

        public string? Builder { get; } = builder;

        public bool UseOpsKit { get; } = useOpsKit;
    }

    public static bool IsOpsKitReferenced(Compilation compilation)
        => compilation.GetTypeByMetadataName(OpsKitSymbols.MapOpsHealthType) is not null
            && compilation.GetTypeByMetadataName(OpsKitSymbols.AddOpsHealthType) is not null;

    /// <summary>A plan from the app.Run() call the diagnostic points at (OPS0001).</summary>
    public static Plan? FromRunCall(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null || !TryGetRunStatement(invocation, out var runStatement, out var app))
        {
            return null;
        }

        if (model.GetSymbolInfo(app, cancellationToken).Symbol is not ILocalSymbol appLocal
            || !TryFindBuild(appLocal, cancellationToken, out var buildStatement, out var builder))
        {
            return null;
        }

        return new Plan(runStatement, app.Identifier.ValueText, buildStatement, builder, IsOpsKitReferenced(model.Compilation));
    }

    /// <summary>A plan from the registration call the diagnostic points at (OPS0002): find app.Run() in the same body.</summary>
    public static Plan? FromRegistration(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string? registration, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        SyntaxNode? body = node.FirstAncestorOrSelf<BlockSyntax>(b => b.Parent is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
        body ??= node.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null ? root : null;
        if (body is null)
        {
            return null;
        }

        StatementSyntax? runStatement = null;
        IdentifierNameSyntax? app = null;
        foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (TryGetRunStatement(invocation, out var candidate, out var candidateApp)
                && model.GetTypeInfo(candidateApp, cancellationToken).Type is { Name: "WebApplication" })
            {
                if (runStatement is not null)
                {
                    return null; // several apps: do not guess
                }

                (runStatement, app) = (candidate, candidateApp);
            }
        }

        if (runStatement is null || app is null || runStatement.SpanStart < node.SpanStart)
        {
            return null;
        }

        var useOpsKit = registration == OpsKitSymbols.AddOpsHealth && IsOpsKitReferenced(model.Compilation);
        return new Plan(runStatement, app.Identifier.ValueText, build: null, builder: null, useOpsKit);
    }

    public static async Task<Document> ApplyAsync(Document document, IEnumerable<Plan> plans, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        var needsBuilderUsing = false;
        var needsDependencyInjectionUsing = false;
        var done = new HashSet<StatementSyntax>();
        var registered = new HashSet<StatementSyntax>();
        foreach (var plan in plans)
        {
            if (!done.Add(plan.RunStatement))
            {
                continue;
            }

            var map = plan.UseOpsKit
                ? $"{plan.App}.{OpsKitSymbols.MapOpsHealth}();"
                : $"{plan.App}.MapHealthChecks(\"{HealthPath}\");";
            var runAnchor = SyntaxHelpers.InsertionAnchor(plan.RunStatement);
            editor.InsertBefore(runAnchor, SyntaxHelpers.Wrap(SyntaxHelpers.StatementLike(map, plan.RunStatement), runAnchor));
            needsBuilderUsing |= !SyntaxHelpers.IsTypeInScope(model, plan.RunStatement.SpanStart, plan.UseOpsKit ? "OpsHealthEndpointRouteBuilderExtensions" : "HealthCheckEndpointRouteBuilderExtensions");

            if (plan.BuildStatement is { } build && plan.Builder is { } builder && registered.Add(build))
            {
                var add = plan.UseOpsKit
                    ? $"{builder}.Services.{OpsKitSymbols.AddOpsHealth}();"
                    : $"{builder}.Services.AddHealthChecks();";
                var buildAnchor = SyntaxHelpers.InsertionAnchor(build);
                editor.InsertBefore(buildAnchor, SyntaxHelpers.Wrap(SyntaxHelpers.StatementLike(add, build), buildAnchor));
                needsDependencyInjectionUsing |= !SyntaxHelpers.IsTypeInScope(model, build.SpanStart, plan.UseOpsKit ? "OpsHealthServiceCollectionExtensions" : "HealthCheckServiceCollectionExtensions");
            }
        }

        var newRoot = editor.GetChangedRoot();
        if (newRoot is CompilationUnitSyntax unit)
        {
            if (needsBuilderUsing)
            {
                unit = SyntaxHelpers.AddUsingIfMissing(unit, "Microsoft.AspNetCore.Builder");
            }

            if (needsDependencyInjectionUsing)
            {
                unit = SyntaxHelpers.AddUsingIfMissing(unit, "Microsoft.Extensions.DependencyInjection");
            }

            newRoot = unit;
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary><c>app.Run();</c> or <c>await app.RunAsync();</c> as a statement of its own, with a plain identifier receiver.</summary>
    private static bool TryGetRunStatement(InvocationExpressionSyntax invocation, out StatementSyntax statement, out IdentifierNameSyntax app)
    {
        statement = null!;
        app = null!;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: "Run" or "RunAsync" })
        {
            return false;
        }

        var parent = invocation.Parent is AwaitExpressionSyntax awaited ? awaited.Parent : invocation.Parent;
        if (parent is not ExpressionStatementSyntax expressionStatement || expressionStatement.Parent is not (BlockSyntax or GlobalStatementSyntax))
        {
            return false;
        }

        statement = expressionStatement;
        app = receiver;
        return true;
    }

    /// <summary><c>var app = builder.Build();</c> declaring the app local, with a plain identifier builder.</summary>
    private static bool TryFindBuild(ILocalSymbol app, CancellationToken cancellationToken, out StatementSyntax statement, out string builder)
    {
        statement = null!;
        builder = null!;
        if (app.DeclaringSyntaxReferences.Length != 1
            || app.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax
            {
                Initializer.Value: InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax builderName, Name.Identifier.ValueText: "Build" },
                },
                Parent.Parent: LocalDeclarationStatementSyntax declaration,
            }
            || declaration.Parent is not (BlockSyntax or GlobalStatementSyntax))
        {
            return false;
        }

        statement = declaration;
        builder = builderName.Identifier.ValueText;
        return true;
    }
}
