using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Internal;

namespace OpsKit.Analyzers.Rules;

/// <summary>
/// OPS0006: a private static or readonly <c>Dictionary</c>/<c>ConcurrentDictionary</c> field that its type writes to
/// outside constructors but never removes from, clears, resets or checks the size of. Analysis stays within the
/// field's type: a field that leaves the type (argument, return, assignment elsewhere) is not reported.
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
            if (ProjectProperties.IsTestProject(compilationStart.Options))
            {
                return;
            }

            var compilation = compilationStart.Compilation;
            var dictionary = compilation.GetBestTypeByMetadataName("System.Collections.Generic.Dictionary`2");
            var concurrent = compilation.GetBestTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2");
            if (dictionary is null && concurrent is null)
            {
                return;
            }

            var memberInfo = compilation.GetBestTypeByMetadataName("System.Reflection.MemberInfo");
            var type = compilation.GetBestTypeByMetadataName("System.Type");
            compilationStart.RegisterSymbolStartAction(
                symbolStart => OnType(symbolStart, dictionary, concurrent, memberInfo, type),
                SymbolKind.NamedType);
        });
    }

    private static void OnType(SymbolStartAnalysisContext context, INamedTypeSymbol? dictionary, INamedTypeSymbol? concurrent, INamedTypeSymbol? memberInfo, INamedTypeSymbol? systemType)
    {
        var type = (INamedTypeSymbol)context.Symbol;

        // Nested types may use the field, and their operations are not part of this type's analysis scope.
        if (!type.GetTypeMembers().IsEmpty)
        {
            return;
        }

        Dictionary<IFieldSymbol, FieldUsage>? candidates = null;
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsConst: false, IsImplicitlyDeclared: false } field
                && (field.IsStatic || field.IsReadOnly)
                && field.Type is INamedTypeSymbol { IsGenericType: true } fieldType
                && (SymbolEqualityComparer.Default.Equals(fieldType.OriginalDefinition, dictionary) || SymbolEqualityComparer.Default.Equals(fieldType.OriginalDefinition, concurrent))
                && !HasBoundedKeySpace(fieldType.TypeArguments[0], memberInfo, systemType))
            {
                candidates ??= new Dictionary<IFieldSymbol, FieldUsage>(SymbolEqualityComparer.Default);
                candidates.Add(field, new FieldUsage());
            }
        }

        if (candidates is null)
        {
            return;
        }

        context.RegisterOperationAction(c => OnFieldReference(c, candidates), OperationKind.FieldReference);
        context.RegisterSymbolEndAction(c =>
        {
            foreach (var pair in candidates)
            {
                if (pair.Value.IsUnbounded && pair.Key.Locations.Length > 0)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnboundedDictionaryCache, pair.Key.Locations[0], pair.Key.Name, type.Name));
                }
            }
        });
    }

    /// <summary>Keys drawn from a small, fixed set (types, members, enums, booleans) cannot grow without bound.</summary>
    private static bool HasBoundedKeySpace(ITypeSymbol key, INamedTypeSymbol? memberInfo, INamedTypeSymbol? systemType)
    {
        if (key.TypeKind == TypeKind.Enum || key.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_Byte or SpecialType.System_SByte)
        {
            return true;
        }

        for (var current = key; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, memberInfo) || SymbolEqualityComparer.Default.Equals(current, systemType)
                || current.ToDisplayString() is "System.Reflection.Assembly" or "System.Reflection.ParameterInfo")
            {
                return true;
            }
        }

        return false;
    }

    private static void OnFieldReference(OperationAnalysisContext context, Dictionary<IFieldSymbol, FieldUsage> candidates)
    {
        var reference = (IFieldReferenceOperation)context.Operation;
        if (!candidates.TryGetValue(reference.Field.OriginalDefinition, out var usage))
        {
            return;
        }

        var inInitialization = context.ContainingSymbol is IFieldSymbol or IPropertySymbol
            || context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor };
        var member = context.ContainingSymbol;
        var parent = reference.WalkUpConversions();
        switch (parent)
        {
            case IInvocationOperation invocation when ReferenceEquals(invocation.Instance?.WalkDownConversions(), reference):
                switch (invocation.TargetMethod.Name)
                {
                    case "GetOrAdd" or "AddOrUpdate":
                        if (!inInitialization)
                        {
                            usage.MarkLookupAndWrite(member);
                            usage.MarkWrite(member);
                        }

                        break;
                    case "Add" or "TryAdd":
                        if (!inInitialization)
                        {
                            usage.MarkWrite(member);
                        }

                        break;
                    case "TryGetValue" or "ContainsKey" or "GetValueOrDefault":
                        usage.MarkLookup(member);
                        break;
                    case "Remove" or "TryRemove" or "Clear" or "TryUpdate" or "TrimExcess" or "EnsureCapacity":
                        usage.MarkBounded();
                        break;
                }

                break;
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance?.WalkDownConversions(), reference):
                if (property.Property.IsIndexer)
                {
                    if (property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property))
                    {
                        if (!inInitialization)
                        {
                            usage.MarkWrite(member);
                        }
                    }
                    else
                    {
                        usage.MarkLookup(member);
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

    /// <summary>
    /// A cache looks up and fills in the same member (get-or-add). A registry written in Register() and read
    /// elsewhere is not reported: only members that both look up and write count.
    /// </summary>
    private sealed class FieldUsage
    {
        private readonly object _gate = new();
        private readonly HashSet<ISymbol> _lookups = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _writes = new(SymbolEqualityComparer.Default);
        private bool _getOrAdd;
        private bool _bounded;

        public bool IsUnbounded
        {
            get
            {
                lock (_gate)
                {
                    return !_bounded && (_getOrAdd || _writes.Overlaps(_lookups));
                }
            }
        }

        public void MarkWrite(ISymbol member)
        {
            lock (_gate) { _writes.Add(member); }
        }

        public void MarkLookup(ISymbol member)
        {
            lock (_gate) { _lookups.Add(member); }
        }

        public void MarkLookupAndWrite(ISymbol member)
        {
            lock (_gate) { _getOrAdd = true; }
        }

        public void MarkBounded()
        {
            lock (_gate) { _bounded = true; }
        }
    }
}
