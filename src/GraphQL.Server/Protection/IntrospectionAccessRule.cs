using System.Security.Claims;
using GraphQL.Validation;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// Introspection (<c>__schema</c>, <c>__type</c>) for privileged callers (<see cref="IPrivilegedCallers"/>) always, for everyone else only when
/// <see cref="GraphQLProtectionOptions.AnonymousIntrospection"/> is on; <c>__typename</c> is never refused. Registered for
/// cached documents too, since the answer depends on the caller, not on the document.
/// </summary>
public sealed class IntrospectionAccessRule(IOptions<GraphQLProtectionOptions> options, IPrivilegedCallers privileged) : ValidationRuleBase
{
    /// <summary>HotChocolate's code and message for the same refusal.</summary>
    public const string Code = "HC0046";

    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (field.Name.Value == "__schema" || field.Name.Value == "__type")
        {
            context.ReportError(new IntrospectionNotAllowedError(context.Document, field));
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(MayIntrospect(options.Value, privileged, context.User) ? null : Visitor);

    /// <summary>Whether <paramref name="user"/> may see the schema: through introspection, and in error messages (<see cref="SchemaHidingValidator"/>).</summary>
    public static bool MayIntrospect(GraphQLProtectionOptions options, IPrivilegedCallers privileged, ClaimsPrincipal? user)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(privileged);
        return options.AnonymousIntrospection || privileged.Includes(user);
    }
}

#pragma warning disable CA1032 // Only the rule creates it.
public sealed class IntrospectionNotAllowedError : ValidationError
#pragma warning restore CA1032
{
    public IntrospectionNotAllowedError(GraphQLDocument document, GraphQLField field)
        : base(document.Source, null, "Introspection is not allowed for the current request.", field)
    {
        Code = IntrospectionAccessRule.Code;
    }
}
