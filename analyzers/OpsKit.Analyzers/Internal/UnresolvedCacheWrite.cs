using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// OPS0004 while Microsoft.Extensions.Caching.Memory is not resolved yet (packages not restored): only the shapes that
/// cannot be anything else are reported. A <c>Set(key, value)</c> (or with a <c>TimeSpan</c>/<c>DateTimeOffset</c>
/// expiration) that did not bind, on a field or property declared as <c>MemoryCache</c>/<c>IMemoryCache</c> whose
/// every value is visibly <c>new MemoryCache(new MemoryCacheOptions { SizeLimit = … })</c>, directly or through
/// another such member (a wrapper's <c>Cache</c> property). Such a write gives no Size, and the cache throws for it.
/// </summary>
internal static class UnresolvedCacheWrite
{
    public static void Register(CompilationStartAnalysisContext context, CacheFiles files, DiagnosticDescriptor descriptor)
    {
        if (!files.AnyMayWrite(context.CancellationToken))
        {
            return;
        }

        var compilation = context.Compilation;
        context.RegisterSemanticModelAction(c =>
        {
            var tree = c.SemanticModel.SyntaxTree;
            if (!files.MayWrite(tree, c.CancellationToken))
            {
                return;
            }

            var root = tree.GetRoot(c.CancellationToken);
            foreach (var offset in files.Of(tree, c.CancellationToken).WriteNameOffsets)
            {
                if (CacheWriteAction.Invocation(root.FindToken(offset)) is { Expression: MemberAccessExpressionSyntax access } invocation
                    && access.Name.Identifier.ValueText == "Set"
                    && GivesNoSize(c.SemanticModel, invocation, c.CancellationToken)
                    && c.SemanticModel.GetSymbolInfo(invocation, c.CancellationToken).Symbol is null
                    && IsCacheType(c.SemanticModel.GetTypeInfo(access.Expression, c.CancellationToken).Type)
                    && c.SemanticModel.GetSymbolInfo(access.Expression, c.CancellationToken).Symbol is { } member
                    && IsSizeLimited(compilation, member, c.CancellationToken, depth: 0))
                {
                    c.ReportDiagnostic(Diagnostic.Create(descriptor, invocation.GetNameLocation()));
                }
            }
        });
    }

    /// <summary><c>Set(key, value)</c>, or a third argument that is an expiration (a BCL type, resolved even now).</summary>
    private static bool GivesNoSize(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var arguments = invocation.ArgumentList.Arguments;
        return arguments.Count == 2
            || (arguments.Count == 3 && arguments[2].NameColon is null
                && model.GetTypeInfo(arguments[2].Expression, cancellationToken).Type is { Name: "TimeSpan" or "DateTimeOffset", ContainingNamespace.Name: "System" });
    }

    private static bool IsCacheType(ITypeSymbol? type) => type is { TypeKind: TypeKind.Error, Name: "MemoryCache" or "IMemoryCache" };

    /// <summary>
    /// A private or readonly field, or a get-only auto-property, of an unresolved cache type, whose every assigned value
    /// is a size-limited cache created in place or another such member (two hops at most).
    /// </summary>
    private static bool IsSizeLimited(Compilation compilation, ISymbol member, CancellationToken cancellationToken, int depth)
    {
        var visible = member switch
        {
            IFieldSymbol field => (field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly) && IsCacheType(field.Type),
            IPropertySymbol property => property.SetMethod is null && property.Parameters.IsEmpty && IsCacheType(property.Type) && CacheEntryFacts.IsAutoProperty(property),
            _ => false,
        };
        if (!visible || depth > 2)
        {
            return false;
        }

        var any = false;
        foreach (var value in MemberValues.Of(compilation, member, cancellationToken))
        {
            var limited = value switch
            {
                IFieldReferenceOperation reference => IsSizeLimited(compilation, reference.Field.OriginalDefinition, cancellationToken, depth + 1),
                IPropertyReferenceOperation reference => IsSizeLimited(compilation, reference.Property.OriginalDefinition, cancellationToken, depth + 1),
                { Syntax: BaseObjectCreationExpressionSyntax creation } => IsSizeLimitedCreation(creation),
                _ => false,
            };
            if (!limited)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary><c>new MemoryCache(new MemoryCacheOptions { SizeLimit = … })</c>, or <c>new(…)</c> where the member's type is MemoryCache.</summary>
    private static bool IsSizeLimitedCreation(BaseObjectCreationExpressionSyntax creation)
    {
        var named = creation is ObjectCreationExpressionSyntax explicitType
            ? CacheMentions.LastName(explicitType.Type) == "MemoryCache"
            : CacheMentions.LastName(UnresolvedMemoryCache.DeclaredType(creation)) == "MemoryCache";
        return named
            && creation.ArgumentList?.Arguments.Count == 1
            && UnresolvedMemoryCache.SetsSizeLimit(creation.ArgumentList.Arguments[0].Expression) == true;
    }
}
