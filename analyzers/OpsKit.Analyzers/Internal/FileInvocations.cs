using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The invocations of the files a rule cares about, with one callback per file rather than one per code block: a
/// code block start action costs the driver a callback for every method, accessor and initializer of the compilation,
/// even in files whose text rules them out. The file test (usually <see cref="TreeMentions"/>) runs once per file, and
/// only the files that pass it are walked. Generated files are skipped by the driver, as for code blocks.
/// </summary>
internal static class FileInvocations
{
    public static void Register(
        CompilationStartAnalysisContext context,
        Func<SyntaxTree, CancellationToken, bool> accepts,
        Action<SemanticModelAnalysisContext, InvocationExpressionSyntax> onInvocation)
        => context.RegisterSemanticModelAction(c =>
        {
            var tree = c.SemanticModel.SyntaxTree;
            if (!accepts(tree, c.CancellationToken))
            {
                return;
            }

            foreach (var node in tree.GetRoot(c.CancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    onInvocation(c, invocation);
                }
            }
        });
}
