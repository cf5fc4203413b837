using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0006: a <c>Dictionary</c>/<c>ConcurrentDictionary</c> field (private, or a non-private static one judged from
/// every use in the compilation) that lives as long as the process and only grows with keys that come from callers.
/// Long-lived means static, an instance field of a class registered as a singleton (or hosted service) in the same
/// compilation, or a concurrent map of a class no registration of the compilation names. Growing means written outside constructors and never removed
/// from, cleared, size-checked, replaced or handed out. Bounded key spaces stay silent: enum, type, member and culture
/// keys, constant keys, keys built from the object's own configuration, keys checked against a fixed set first, and
/// per-id lock pools. The keys must visibly be per-request data (they name a user, session, customer, device, request or
/// tenant, or embed a time stamp): a memo keyed by an anonymous string or a client id is usually fed by code or
/// configuration, not by requests.
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

            var dictionary = compilation.GetFrameworkType("System.Collections.Generic.Dictionary`2", "System.Collections");
            var concurrent = compilation.GetFrameworkType("System.Collections.Concurrent.ConcurrentDictionary`2", "System.Collections.Concurrent");
            if (dictionary is null && concurrent is null)
            {
                return;
            }

            // Most compilations declare no dictionary field at all: they get no callback per type or field reference.
            var declarations = DictionaryFieldDeclarations.Find(compilation, compilationStart.CancellationToken);
            if (declarations.Names.Count == 0)
            {
                return;
            }

            var registrations = new ServiceRegistrations();
            if (declarations.AnyInstance)
            {
                registrations.Register(compilationStart);
            }

            var pending = new ConcurrentBag<(IFieldSymbol Field, INamedTypeSymbol Type)>();
            compilationStart.RegisterSymbolStartAction(
                symbolStart =>
                {
                    if (declarations.DeclaredIn((INamedTypeSymbol)symbolStart.Symbol))
                    {
                        OnType(symbolStart, dictionary, concurrent, pending);
                    }
                },
                SymbolKind.NamedType);

            // A non-private static field can be written, trimmed or handed out by any type of the compilation: its uses
            // are collected compilation-wide and judged when the compilation's analysis ends.
            var shared = new ConcurrentDictionary<IFieldSymbol, FieldUsage>(SymbolEqualityComparer.Default);
            if (declarations.AnyShared)
            {
                RegisterSharedFieldReferences(compilationStart, shared, declarations.Names, dictionary, concurrent);
            }

            compilationStart.RegisterCompilationEndAction(end =>
            {
                foreach (var pair in shared)
                {
                    if (pair.Value.Grows())
                    {
                        Report(end.ReportDiagnostic, pair.Key, pair.Key.ContainingType);
                    }
                }

                foreach (var (field, type) in pending)
                {
                    var lifetime = registrations.LifetimeOf(type);
                    if ((lifetime & RegisteredLifetime.Singleton) != 0
                        || (lifetime == RegisteredLifetime.None && IsConcurrent(field, concurrent)))
                    {
                        Report(end.ReportDiagnostic, field, type);
                    }
                }
            });
        });
    }

    private static void RegisterSharedFieldReferences(CompilationStartAnalysisContext context, ConcurrentDictionary<IFieldSymbol, FieldUsage> shared, HashSet<string> names, INamedTypeSymbol? dictionary, INamedTypeSymbol? concurrent)
        => context.RegisterOperationAction(
            c =>
            {
                var field = ((IFieldReferenceOperation)c.Operation).Field.OriginalDefinition;
                if (names.Contains(field.Name)
                    && field is { IsStatic: true, DeclaredAccessibility: not Accessibility.Private }
                    && IsCandidate(field, dictionary, concurrent)
                    && !field.Locations.IsEmpty && field.Locations[0].IsInSource)
                {
                    OnFieldReference(c, f => SymbolEqualityComparer.Default.Equals(f, field) ? shared.GetOrAdd(field, static _ => new FieldUsage()) : null);
                }
            },
            OperationKind.FieldReference);

    private static void OnType(SymbolStartAnalysisContext context, INamedTypeSymbol? dictionary, INamedTypeSymbol? concurrent, ConcurrentBag<(IFieldSymbol, INamedTypeSymbol)> pending)
    {
        var type = (INamedTypeSymbol)context.Symbol;

        var nested = type.GetTypeMembers();
        Dictionary<IFieldSymbol, FieldUsage>? candidates = null;
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field
                && (field.IsStatic || field.IsReadOnly)
                && IsCandidate(field, dictionary, concurrent)
                && !IsNamedInNestedTypes(field.Name, nested, context.CancellationToken))
            {
                candidates ??= new Dictionary<IFieldSymbol, FieldUsage>(SymbolEqualityComparer.Default);
                candidates.Add(field, new FieldUsage());
            }
        }

        if (candidates is null)
        {
            return;
        }

        context.RegisterOperationAction(c => OnFieldReference(c, f => candidates.TryGetValue(f, out var usage) ? usage : null), OperationKind.FieldReference);
        context.RegisterSymbolEndAction(c =>
        {
            foreach (var pair in candidates)
            {
                var field = pair.Key;
                if (!pair.Value.Grows() || field.Locations.Length == 0)
                {
                    continue;
                }

                if (field.IsStatic)
                {
                    Report(c.ReportDiagnostic, field, type);
                }
                else
                {
                    pending.Add((field, type)); // decided once every registration of the compilation has been seen
                }
            }
        });
    }

    /// <summary>A dictionary field whose key type can take unboundedly many values and whose values are not locks or types.</summary>
    private static bool IsCandidate(IFieldSymbol field, INamedTypeSymbol? dictionary, INamedTypeSymbol? concurrent)
        => field is { IsConst: false, IsImplicitlyDeclared: false }
            && field.Type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } fieldType
            && (SymbolEqualityComparer.Default.Equals(fieldType.OriginalDefinition, dictionary) || SymbolEqualityComparer.Default.Equals(fieldType.OriginalDefinition, concurrent))
            && !DictionaryKeyFacts.IsBoundedKeyType(fieldType.TypeArguments[0])
            && !DictionaryKeyFacts.IsExemptValueType(fieldType.TypeArguments[1]);

    /// <summary>
    /// A concurrent dictionary says its owner is shared between threads, i.e. outlives a request. A class that no
    /// registration of this compilation names is usually registered by the host project (a library's services wired up
    /// by the app), so such a field counts as long-lived unless the class is registered scoped or transient here.
    /// </summary>
    private static bool IsConcurrent(IFieldSymbol field, INamedTypeSymbol? concurrent)
        => concurrent is not null && SymbolEqualityComparer.Default.Equals(field.Type.OriginalDefinition, concurrent);

    /// <summary>Nested types' operations are outside this type's analysis scope: a field they mention may be trimmed there.</summary>
    private static bool IsNamedInNestedTypes(string name, ImmutableArray<INamedTypeSymbol> nested, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var type in nested)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
                {
                    if (token.ValueText == name && token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static void Report(System.Action<Diagnostic> report, IFieldSymbol field, INamedTypeSymbol type)
        => report(Diagnostic.Create(Descriptors.UnboundedDictionaryCache, field.Locations[0], field.Name, type.Name));

    private static void OnFieldReference(OperationAnalysisContext context, System.Func<IFieldSymbol, FieldUsage?> usageOf)
    {
        var reference = (IFieldReferenceOperation)context.Operation;
        if (usageOf(reference.Field.OriginalDefinition) is not { } usage)
        {
            return;
        }

        var inInitialization = context.ContainingSymbol is IFieldSymbol or IPropertySymbol
            || context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor };
        switch (reference.WalkUpConversions())
        {
            case IInvocationOperation invocation when ReferenceEquals(invocation.Instance?.WalkDownConversions(), reference):
                OnCall(usage, invocation, invocation.TargetMethod.Name, invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null, inInitialization);
                break;
            case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } extension }:
                // CollectionExtensions.GetValueOrDefault/TryAdd/Remove and a project's own GetOrAdd helpers.
                OnCall(usage, extension, extension.TargetMethod.Name, extension.Arguments.Length > 1 ? extension.Arguments[1].Value : null, inInitialization);
                break;
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance?.WalkDownConversions(), reference):
                if (property.Property.IsIndexer)
                {
                    if (property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                    {
                        if (!inInitialization)
                        {
                            usage.MarkWrite(ClassifyKey(property.Arguments.Length > 0 ? property.Arguments[0].Value : null, property));
                        }
                    }
                }
                else if (property.Property.Name is "Count" or "IsEmpty")
                {
                    usage.MarkBounded(); // a size check is a bound the rule cannot evaluate
                }

                break;
            case IAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                if (!inInitialization)
                {
                    usage.MarkBounded(); // replaced by a new instance: a reset
                }

                break;
            case IForEachLoopOperation or ILockOperation or IMemberReferenceOperation or IInvocationOperation or INameOfOperation:
                break;
            default:
                // Handed to another method, returned, aliased, captured by ref: the rule cannot see what happens.
                usage.MarkBounded();
                break;
        }
    }

    private static void OnCall(FieldUsage usage, IInvocationOperation invocation, string name, IOperation? key, bool inInitialization)
    {
        switch (name)
        {
            case "GetOrAdd" or "AddOrUpdate" or "Add" or "TryAdd":
                if (!inInitialization)
                {
                    usage.MarkWrite(ClassifyKey(key, invocation));
                }

                break;
            case "TryGetValue" or "ContainsKey" or "GetValueOrDefault":
                break;
            default:
                if (invocation.TargetMethod.IsExtensionMethod || name is "Remove" or "TryRemove" or "Clear" or "TryUpdate" or "TrimExcess" or "EnsureCapacity")
                {
                    usage.MarkBounded(); // a removal, or a helper the rule cannot see into
                }

                break;
        }
    }

    private static KeyOrigin ClassifyKey(IOperation? key, IOperation write)
    {
        var body = ConnectionLifetime.BodyOf(write);
        var origin = DictionaryKeyFacts.Classify(key, body);
        return origin != KeyOrigin.Bounded && IsGuardedByKnownSet(key, body) ? KeyOrigin.Bounded : origin;
    }

    /// <summary>
    /// <c>if (!Known.Contains(key)) return;</c>, <c>key is "a" or "b"</c>, <c>switch (key)</c>: the function checks the
    /// key against a fixed set before writing it.
    /// </summary>
    private static bool IsGuardedByKnownSet(IOperation? key, IOperation body)
    {
        var symbol = key?.WalkDownConversions() switch
        {
            IParameterReferenceOperation parameter => (ISymbol)parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
        if (symbol is null)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Contains" or "ContainsKey" } check
                    when check.GetReceiverOrThisArgument()?.WalkDownConversions() is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } }
                        && RefersTo(check.Arguments[check.Arguments.Length - 1].Value, symbol):
                    return true;
                case IIsPatternOperation pattern when RefersTo(pattern.Value, symbol) && pattern.Pattern is IBinaryPatternOperation or IConstantPatternOperation:
                    return true;
                case ISwitchOperation @switch when RefersTo(@switch.Value, symbol):
                    return true;
                case ISwitchExpressionOperation switchExpression when RefersTo(switchExpression.Value, symbol):
                    return true;
            }
        }

        return false;
    }

    private static bool RefersTo(IOperation value, ISymbol symbol)
        => value.WalkDownConversions() switch
        {
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
            _ => false,
        };

    /// <summary>What the type does with one candidate field.</summary>
    private sealed class FieldUsage
    {
        private readonly object _gate = new();
        private bool _perRequest;
        private bool _bounded;

        /// <summary>Written with keys that visibly come from requests, and never bounded.</summary>
        public bool Grows()
        {
            lock (_gate)
            {
                return !_bounded && _perRequest;
            }
        }

        public void MarkWrite(KeyOrigin origin)
        {
            if (origin == KeyOrigin.PerRequest)
            {
                lock (_gate) { _perRequest = true; }
            }
        }

        public void MarkBounded()
        {
            lock (_gate) { _bounded = true; }
        }
    }
}
