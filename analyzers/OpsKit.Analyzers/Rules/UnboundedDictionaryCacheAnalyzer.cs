using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0006: a <c>Dictionary</c>/<c>ConcurrentDictionary</c> field (private, or a non-private static one judged from
/// every use in the compilation) that lives as long as the process and only grows with keys that come from callers.
/// Long-lived means static, an instance field of a hosted service (wherever it is registered) or of a class registered
/// as a singleton in the same compilation, or a concurrent map of a class no registration of the compilation names.
/// Growing means written outside constructors and never removed from, cleared, size-checked, replaced or handed out.
/// Bounded key spaces stay silent: enum, type, member and culture keys, constant keys, keys built from the object's own
/// configuration, keys checked against a fixed set first, and per-id lock pools. The keys must visibly be per-request
/// data (they name a user, session, customer, device, request or tenant, or embed a time stamp): a memo keyed by an
/// anonymous string or a client id is usually fed by code or configuration, not by requests.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedDictionaryCacheAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UnboundedDictionaryCache];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var compilation = compilationStart.Compilation;
            if (TestCode.IsTestCompilation(compilationStart.Options, compilation))
            {
                return;
            }

            // Each file's candidate fields are found in that file's own callback, from its member lists (see
            // DictionaryFieldDeclarations) when its text names a dictionary type (FileWords), and their references are
            // bound only where the syntax cannot settle them (see DictionaryFieldReferences). The global aliases come
            // from the directives every rule reads once per compilation (FileImports).
            var globalAliases = new Lazy<HashSet<string>?>(() => DictionaryFieldDeclarations.GlobalAliasNames(FileImports.For(compilation).GlobalAliases));
            var pending = new ConcurrentBag<IFieldSymbol>();
            var shared = new DictionaryFieldNamePositions(compilation, compilationStart.Options);
            var words = FileWords.For(compilation);
            compilationStart.RegisterSemanticModelAction(c =>
            {
                if (DictionaryFieldDeclarations.In(c.SemanticModel.SyntaxTree, words, globalAliases.Value, c.CancellationToken) is { } declarators)
                {
                    foreach (var declarator in declarators)
                    {
                        OnDeclarator(c, declarator, shared, pending);
                    }
                }
            });

            compilationStart.RegisterCompilationEndAction(end => ReportSingletons(end, pending));
        });
    }

    private static void OnDeclarator(SemanticModelAnalysisContext context, VariableDeclaratorSyntax declarator, DictionaryFieldNamePositions shared, ConcurrentBag<IFieldSymbol> pending)
    {
        if (context.SemanticModel.GetDeclaredSymbol(declarator, context.CancellationToken) is not IFieldSymbol field
            || !IsCandidate(field)
            || field.Locations.Length == 0)
        {
            return;
        }

        // A private field is judged from its own type; a non-private static one (a shared store that other classes
        // fill) from every reference in the compilation. Other fields live and die with whoever holds them.
        var isPrivate = field.DeclaredAccessibility == Accessibility.Private;
        if (!(isPrivate ? field.IsStatic || field.IsReadOnly : field.IsStatic))
        {
            return;
        }

        if (!Grows(field, context.SemanticModel, shared, context.CancellationToken))
        {
            return;
        }

        if (field.IsStatic)
        {
            Report(context.ReportDiagnostic, field);
        }
        else
        {
            pending.Add(field); // decided once every registration of the compilation can be seen
        }
    }

    /// <summary>
    /// Judges the field from the syntax of its mentions first and binds only what the syntax cannot settle, in the
    /// order that lets most fields stop early: a reset, size check or hand-out in its own type, or no write at all,
    /// needs no binding; then the writes (are their keys per-request?); then, for the few fields that still grow, every
    /// other mention the syntax could not name.
    /// </summary>
    private static bool Grows(IFieldSymbol field, SemanticModel model, DictionaryFieldNamePositions shared, CancellationToken cancellationToken)
    {
        if (DictionaryFieldReferences.Find(field, shared, cancellationToken) is not { } mentions)
        {
            return false;
        }

        var anyWrite = false;
        foreach (var mention in mentions)
        {
            if (mention is { InDeclaringType: true, Kind: FieldMentionKind.Bounds })
            {
                return false;
            }

            anyWrite |= mention.Kind == FieldMentionKind.Write;
        }

        if (!anyWrite)
        {
            return false;
        }

        var usage = new DictionaryFieldUsage();
        foreach (var mention in mentions)
        {
            if (mention.Kind == FieldMentionKind.Write && DictionaryFieldReferences.Bind(mention, field, model, cancellationToken) is { } reference)
            {
                usage.Record(reference, mention.InInitialization);
            }
        }

        if (!usage.WritesPerRequest)
        {
            return false;
        }

        foreach (var mention in mentions)
        {
            if (mention is { InDeclaringType: true, Kind: FieldMentionKind.RemoveByKey })
            {
                usage.MarkRemovedByKey();
            }
        }

        foreach (var mention in mentions)
        {
            if (!usage.Grows)
            {
                return false;
            }

            // Reads change nothing; in its own type the name can only be the field, so the syntax is trusted there.
            var needsBinding = mention.Kind == FieldMentionKind.Unknown
                || (!mention.InDeclaringType && mention.Kind is FieldMentionKind.Bounds or FieldMentionKind.RemoveByKey);
            if (needsBinding && DictionaryFieldReferences.Bind(mention, field, model, cancellationToken) is { } reference)
            {
                usage.Record(reference, mention.InInitialization);
            }
        }

        return usage.Grows;
    }

    /// <summary>
    /// A growing instance field is reported when its class is a hosted service or is registered as a singleton, or when
    /// its map is concurrent and no registration of the compilation names the class. The registrations are looked up
    /// only here, in the compilations that have such a field at all, and only those that name its class.
    /// </summary>
    private static void ReportSingletons(CompilationAnalysisContext context, ConcurrentBag<IFieldSymbol> pending)
    {
        if (pending.IsEmpty)
        {
            return;
        }

        // A hosted service is created once by the host, wherever it is registered: only the other classes need their
        // registrations read.
        var owners = new List<INamedTypeSymbol>();
        var others = new List<IFieldSymbol>();
        foreach (var field in pending)
        {
            if (IsHostedService(field.ContainingType))
            {
                Report(context.ReportDiagnostic, field);
            }
            else
            {
                owners.Add(field.ContainingType);
                others.Add(field);
            }
        }

        if (others.Count == 0)
        {
            return;
        }

        var registrations = OwnerRegistrations.Find(context.Compilation, owners, context.Options, context.CancellationToken);
        foreach (var field in others)
        {
            var lifetime = registrations.LifetimeOf(field.ContainingType, context.CancellationToken);
            if ((lifetime & RegisteredLifetime.Singleton) != 0
                || (lifetime == RegisteredLifetime.None && field.Type is INamedTypeSymbol type && IsConcurrent(type)))
            {
                Report(context.ReportDiagnostic, field);
            }
        }
    }

    /// <summary>
    /// A class that implements <c>Microsoft.Extensions.Hosting.IHostedService</c> (a <c>BackgroundService</c>, say), or
    /// derives from a <c>BackgroundService</c> or implements an <c>IHostedService</c> whose package is not restored yet.
    /// </summary>
    private static bool IsHostedService(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "BackgroundService", TypeKind: TypeKind.Error })
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented is { Name: "IHostedService", TypeKind: TypeKind.Error }
                || implemented is { Name: "IHostedService", ContainingNamespace: { Name: "Hosting", ContainingNamespace: { Name: "Extensions", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } } } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A dictionary field whose key type can take unboundedly many values and whose values are not locks or types. The
    /// types are recognised by their names, so that no compilation has to look them up among its references.
    /// </summary>
    private static bool IsCandidate(IFieldSymbol field)
        => field is { IsConst: false, IsImplicitlyDeclared: false }
            && field.Type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } fieldType
            && (IsConcurrent(fieldType) || IsDictionary(fieldType))
            && !DictionaryKeyFacts.IsBoundedKeyType(fieldType.TypeArguments[0])
            && !DictionaryKeyFacts.IsExemptValueType(fieldType.TypeArguments[1]);

    /// <summary>
    /// A concurrent dictionary says its owner is shared between threads, i.e. outlives a request. A class that no
    /// registration of this compilation names is usually registered by the host project (a library's services wired up
    /// by the app), so such a field counts as long-lived unless the class is registered scoped or transient here.
    /// </summary>
    private static bool IsConcurrent(INamedTypeSymbol type)
        => type is { Name: "ConcurrentDictionary", Arity: 2, ContainingNamespace: { Name: "Concurrent", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    private static bool IsDictionary(INamedTypeSymbol type)
        => type is { Name: "Dictionary", Arity: 2, ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    private static void Report(System.Action<Diagnostic> report, IFieldSymbol field)
        => report(Diagnostic.Create(Descriptors.UnboundedDictionaryCache, field.Locations[0], field.Name, field.ContainingType.Name));
}
