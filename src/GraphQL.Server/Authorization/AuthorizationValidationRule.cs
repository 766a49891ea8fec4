using GraphQL.Validation;
using Microsoft.AspNetCore.Authorization;

namespace Diecast.GraphQL.Server.Authorization;

/// <summary>
/// Field-level authorization before anything runs: every field, argument and type the document selects is checked
/// against its policies, and a denial fails the whole request (so a mutation never half-runs). Fields under
/// <c>@skip</c>/<c>@include</c> are checked too: a document either may run or may not. Registered for cached
/// documents as well, since the answer depends on the caller.
/// </summary>
public sealed class AuthorizationValidationRule(IAuthorizationService authorization) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var check = new FieldAuthorization(authorization, context.User);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        return new(new NodeVisitors(
            new MatchingNodeVisitor<GraphQLField>(async (field, ctx) =>
            {
                if (ctx.TypeInfo.GetFieldDef() is not { } definition || ctx.TypeInfo.GetParentType() is not { } parent)
                {
                    return;
                }

                var code = await check.DenialAsync(parent) ?? await check.DenialAsync(definition) ?? await check.DenialAsync(definition.ResolvedType?.GetNamedType());
                if (code is not null)
                {
                    Report(ctx, field, code, $"{parent.Name}.{definition.Name}", reported);
                }
            }),
            new MatchingNodeVisitor<GraphQLArgument>(async (argument, ctx) =>
            {
                if (ctx.TypeInfo.GetArgument() is { } definition && ctx.TypeInfo.GetFieldDef() is { } field && await check.DenialAsync(definition) is { } code)
                {
                    Report(ctx, argument, code, $"{field.Name}({definition.Name}:)", reported);
                }
            })));
    }

    private static void Report(ValidationContext context, ASTNode node, string code, string coordinate, HashSet<string> reported)
    {
        // One error per schema coordinate: a list of 50 orders denies once, not 50 times.
        if (reported.Add(coordinate))
        {
            context.ReportError(new ValidationError(context.Document.Source, null, FieldAuthorization.Message, node) { Code = code });
        }
    }
}
