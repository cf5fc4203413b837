using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>OPS0002: map the registered checks before <c>app.Run()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnmappedHealthChecksCodeFix)), Shared]
public sealed class UnmappedHealthChecksCodeFix : CodeFixProvider
{
    internal const string OpsKitKey = "OPS0002.MapOpsHealth";
    internal const string HealthChecksKey = "OPS0002.MapHealthChecks";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.HealthChecksNotMapped];

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var plans = diagnostics
            .Select(d => HealthEndpointFix.FromRegistration(root, model, d, Registration(d), context.CancellationToken))
            .OfType<HealthEndpointFix.Plan>()
            .ToList();
        return plans.Count == 0 ? null : await HealthEndpointFix.ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || HealthEndpointFix.FromRegistration(root, model, diagnostic, Registration(diagnostic), context.CancellationToken) is not { } plan)
        {
            return;
        }

        var title = plan.UseOpsKit ? "Map the health checks with MapOpsHealth()" : $"Map the health checks with MapHealthChecks(\"{HealthEndpointFix.HealthPath}\")";
        context.RegisterCodeFix(
            CodeAction.Create(title, ct => HealthEndpointFix.ApplyAsync(context.Document, [plan], ct), plan.UseOpsKit ? OpsKitKey : HealthChecksKey),
            diagnostic);
    }

    private static string? Registration(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(UnmappedHealthChecksAnalyzer.RegistrationProperty, out var value) ? value : null;
}
