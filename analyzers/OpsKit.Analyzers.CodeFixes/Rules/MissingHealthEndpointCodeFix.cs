using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>OPS0001: map a health endpoint before <c>app.Run()</c> and register the checks before <c>builder.Build()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingHealthEndpointCodeFix)), Shared]
public sealed class MissingHealthEndpointCodeFix : CodeFixProvider
{
    internal const string OpsKitKey = "OPS0001.MapOpsHealth";
    internal const string HealthChecksKey = "OPS0001.MapHealthChecks";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.MissingHealthEndpoint];

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var plans = diagnostics
            .Where(d => !d.Properties.ContainsKey(MissingHealthEndpointAnalyzer.DevelopmentOnlyProperty))
            .Select(d => HealthEndpointFix.FromRunCall(root, model, d, context.CancellationToken))
            .OfType<HealthEndpointFix.Plan>()
            .ToList();
        return plans.Count == 0 ? null : await HealthEndpointFix.ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (diagnostic.Properties.ContainsKey(MissingHealthEndpointAnalyzer.DevelopmentOnlyProperty))
        {
            return; // moving a mapping out of IsDevelopment() is a security decision, not a mechanical fix
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || HealthEndpointFix.FromRunCall(root, model, diagnostic, context.CancellationToken) is not { } plan)
        {
            return;
        }

        var title = plan.UseOpsKit
            ? "Add AddOpsHealth() and map it with MapOpsHealth()"
            : $"Add AddHealthChecks() and map it with MapHealthChecks(\"{HealthEndpointFix.HealthPath}\")";
        context.RegisterCodeFix(
            CodeAction.Create(title, ct => HealthEndpointFix.ApplyAsync(context.Document, [plan], ct), plan.UseOpsKit ? OpsKitKey : HealthChecksKey),
            diagnostic);
    }
}
