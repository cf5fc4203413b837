using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>OPS0002: health checks registered (AddHealthChecks, AddOpsHealth) in the app's type but never mapped.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnmappedHealthChecksAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the registration method, for the code fix.</summary>
    internal const string RegistrationProperty = "Registration";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.HealthChecksNotMapped];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var symbols = HealthEndpointSymbols.TryCreate(compilationStart.Compilation, compilationStart.Options);
            symbols?.Register(compilationStart, Report);
        });
    }

    private static void Report(SymbolAnalysisContext context, HealthEndpointFacts facts)
    {
        // A mapping inside IsDevelopment() is reported by OPS0001; the registrations are then not "never mapped".
        if (!facts.IsAppType || facts.Escaped || facts.Mapped || facts.DevelopmentOnlyMapping is not null)
        {
            return;
        }

        foreach (var (location, method) in facts.Registrations)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.HealthChecksNotMapped,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(RegistrationProperty, method),
                method));
        }
    }
}
