using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpsKit.Analyzers.Rules;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Whether a cache can be given a SizeLimit without breaking the app: MemoryCache throws for every entry without
/// Size once SizeLimit is set, so every write into that cache must already set a Size or be one the size fix can
/// rewrite. The plan lists the writes to rewrite; it is null when a write is out of sight: a write the rules cannot
/// read, an <c>IMemoryCache</c> whose origin is unknown, the cache handed to other code, or (for the shared cache) a
/// referenced library that may write into it.
/// </summary>
internal sealed class CacheBoundingPlan
{
    private CacheBoundingPlan(ImmutableArray<(DocumentId Document, InvocationExpressionSyntax Write, InvocationExpressionSyntax Sized)> rewrites)
        => Rewrites = rewrites;

    public ImmutableArray<(DocumentId Document, InvocationExpressionSyntax Write, InvocationExpressionSyntax Sized)> Rewrites { get; }

    /// <summary>The shared DI cache (the target of AddMemoryCache).</summary>
    public static Task<CacheBoundingPlan?> ForSharedCacheAsync(Project project, CancellationToken cancellationToken)
        => CreateAsync(project, member: null, cancellationToken);

    /// <summary>A cache created in place and kept in <paramref name="member"/>.</summary>
    public static Task<CacheBoundingPlan?> ForMemberAsync(Project project, ISymbol member, CancellationToken cancellationToken)
        => CreateAsync(project, member, cancellationToken);

    private static async Task<CacheBoundingPlan?> CreateAsync(Project project, ISymbol? member, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null || CacheEntryFacts.For(compilation) is not { } facts || (member is null && LibraryMayWrite(compilation)))
        {
            return null;
        }

        var rewrites = ImmutableArray.CreateBuilder<(DocumentId, InvocationExpressionSyntax, InvocationExpressionSyntax)>();
        foreach (var document in project.Documents)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            foreach (var node in root.DescendantNodes())
            {
                if (member is not null && node is IdentifierNameSyntax name && name.Identifier.ValueText == member.Name && !IsReceiverOrTarget(name)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, member))
                {
                    return null; // the cache is handed to other code, which may write into it
                }

                if (node is not InvocationExpressionSyntax invocation || !CacheWrite.IsCandidateName(NameOf(invocation))
                    || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                    || CacheWrite.TryCreate(facts, operation, cancellationToken) is not { } write)
                {
                    continue;
                }

                var receiver = operation.GetReceiverOrThisArgument();
                bool? intoTarget = member is null
                    ? facts.IsSharedCache(receiver, cancellationToken)
                    : receiver?.WalkDownConversions() switch
                    {
                        IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field.OriginalDefinition, member),
                        IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property.OriginalDefinition, member),
                        _ => false,
                    };
                if (intoTarget is null)
                {
                    return null;
                }

                if (intoTarget == false)
                {
                    continue;
                }

                switch (write.Inspect().Size)
                {
                    case Evidence.Present:
                        continue;
                    case Evidence.Missing when CacheEntryWithoutSizeCodeFix.WithSize(invocation, operation.TargetMethod, model) is { } sized:
                        rewrites.Add((document.Id, invocation, sized));
                        continue;
                    default:
                        return null;
                }
            }
        }

        return new CacheBoundingPlan(rewrites.ToImmutable());
    }

    /// <summary>Applies the SizeLimit edit in <paramref name="document"/> and every entry rewrite in one solution.</summary>
    public async Task<Solution> ApplyAsync(Document document, SyntaxNode target, SyntaxNode bounded, CancellationToken cancellationToken)
    {
        var byDocument = Rewrites.GroupBy(r => r.Document).ToDictionary(g => g.Key, g => g.ToDictionary(r => (SyntaxNode)r.Write, r => (SyntaxNode)r.Sized));
        if (!byDocument.ContainsKey(document.Id))
        {
            byDocument[document.Id] = [];
        }

        byDocument[document.Id][target] = bounded;
        var solution = document.Project.Solution;
        foreach (var entry in byDocument)
        {
            var (id, replacements) = (entry.Key, entry.Value);
            var root = (await solution.GetDocument(id)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            solution = solution.WithDocumentSyntaxRoot(id, root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
        }

        return solution;
    }

    private static string NameOf(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary><c>member.Method(…)</c> or <c>member = …</c> (the declaration itself is not an identifier use).</summary>
    private static bool IsReceiverOrTarget(IdentifierNameSyntax name)
    {
        SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return expression.Parent switch
        {
            MemberAccessExpressionSyntax receiverAccess when receiverAccess.Expression == expression => receiverAccess.Parent is InvocationExpressionSyntax,
            AssignmentExpressionSyntax assignment => assignment.Left == expression,
            ConditionalAccessExpressionSyntax conditional => conditional.Expression == expression,
            _ => false,
        };
    }

    /// <summary>
    /// A referenced assembly outside the .NET and ASP.NET Core frameworks that references the caching abstractions may
    /// resolve the shared IMemoryCache and write entries without Size (which would then throw).
    /// </summary>
    private static bool LibraryMayWrite(Compilation compilation)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            var name = assembly.Identity.Name;
            if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard" or "OpsKit")
            {
                continue;
            }

            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblies)
                {
                    if (referenced.Name.StartsWith("Microsoft.Extensions.Caching.", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
