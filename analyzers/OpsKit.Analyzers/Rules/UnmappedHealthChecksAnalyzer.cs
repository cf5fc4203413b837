using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0002: health checks registered (AddHealthChecks, AddOpsHealth) in the app's type but never mapped, or registered
/// by a library's static class that maps them only in Development (Aspire's ServiceDefaults template).
/// </summary>
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
            var symbols = HealthEndpointSymbols.TryCreate(compilationStart.Compilation, compilationStart.Options, includeLibraries: true);
            symbols?.Register(compilationStart, Report, registrationsOnly: true);
        });
    }

    private static void Report(CompilationAnalysisContext context, HealthEndpointFacts facts, HealthEndpointSymbols symbols)
    {
        if (facts.Escaped || facts.Mapped)
        {
            return;
        }

        // In the app, a mapping inside IsDevelopment() is reported by OPS0001 (one warning per mistake). In a library
        // (an Aspire ServiceDefaults project) that registers checks unconditionally and maps them only in
        // Development, the registration is the finding: outside Development nothing runs the checks.
        var report = facts.IsLibraryType
            ? facts.DevelopmentOnlyMapping is not null
            : facts.IsAppType && facts.DevelopmentOnlyMapping is null;
        if (!report || facts.Registrations.Count == 0 || (facts.IsAppType && symbols.HasProbeController))
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
