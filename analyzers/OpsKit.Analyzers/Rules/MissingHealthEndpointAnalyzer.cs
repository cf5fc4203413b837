using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0001: an ASP.NET Core app (top-level Program, Program.Main, Startup class) that maps no health endpoint,
/// or maps one only inside an <c>IsDevelopment()</c> branch.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingHealthEndpointAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property set when the endpoint is mapped only in Development (no fix is offered then).</summary>
    internal const string DevelopmentOnlyProperty = "DevelopmentOnly";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.MissingHealthEndpoint];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var symbols = HealthEndpointSymbols.TryCreate(compilationStart.Compilation, compilationStart.Options, includeLibraries: false);
            symbols?.Register(compilationStart, Report, registrationsOnly: false);
        });
    }

    private static void Report(CompilationAnalysisContext context, HealthEndpointFacts facts, HealthEndpointSymbols symbols)
    {
        if (!facts.IsAppType || facts.Escaped || facts.Mapped)
        {
            return;
        }

        var devOnly = facts.DevelopmentOnlyMapping;
        var location = facts.Run ?? facts.Creation ?? facts.StartupConfigure;

        // Registered but unmapped checks are OPS0002's more specific finding: one warning per mistake.
        if ((devOnly is null && (location is null || facts.Registrations.Count > 0)) || symbols.HasProbeController)
        {
            return;
        }

        if (devOnly is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MissingHealthEndpoint,
                devOnly,
                ImmutableDictionary<string, string?>.Empty.Add(DevelopmentOnlyProperty, "true"),
                " outside Development"));
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingHealthEndpoint, location, string.Empty));
    }
}
