using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Field.SelfChecking;

/// <summary>
/// The self-check's rules: OPS9901 flags every call to a method named Mark in a web application (so it also proves
/// that build_property.UsingMicrosoftNETSdkWeb reaches analyzers); OPS9902 throws on a call to Boom (an AD0001).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class MarkAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Mark = new("OPS9901", "Mark", "Mark called", "SelfCheck", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Boom = new("OPS9902", "Boom", "Boom called", "SelfCheck", DiagnosticSeverity.Warning, isEnabledByDefault: false);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Mark, Boom];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var web = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.UsingMicrosoftNETSdkWeb", out var value) && value == "true";
            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    if (invocation.TargetMethod.Name == "Boom")
                    {
                        throw new InvalidOperationException("self-check analyzer exception");
                    }

                    if (web && invocation.TargetMethod.Name == "Mark")
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(Mark, invocation.Syntax.GetLocation()));
                    }
                },
                OperationKind.Invocation);
        });
    }
}
