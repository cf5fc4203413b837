using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace OpsKit.Analyzers.Internal;

internal static class SyntaxLocations
{
    /// <summary>
    /// The span from the invoked name to the closing parenthesis (<c>Run()</c> in <c>app.Run()</c>), so that
    /// a squiggle in a fluent chain covers only the call it is about.
    /// </summary>
    public static Location GetNameLocation(this IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax syntax ? syntax.GetNameLocation() : invocation.Syntax.GetLocation();

    /// <inheritdoc cref="GetNameLocation(IInvocationOperation)"/>
    public static Location GetNameLocation(this InvocationExpressionSyntax syntax)
    {
        var start = syntax.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.SpanStart,
            MemberBindingExpressionSyntax memberBinding => memberBinding.Name.SpanStart,
            _ => syntax.Expression.SpanStart,
        };
        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(start, syntax.Span.End));
    }

    /// <summary>The simple name of the method an invocation calls (<c>UseSwagger</c> in <c>app.UseSwagger()</c>), also when it does not bind.</summary>
    public static string GetInvokedName(this InvocationExpressionSyntax syntax)
        => syntax.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
}
