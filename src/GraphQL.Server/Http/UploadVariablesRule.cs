using GraphQL.Validation;

namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// A multipart request is for uploads: every variable its map puts a file into must be declared by the operation that
/// runs. Otherwise GraphQL.NET would ignore the variable and run the operation as if the files had not been sent, so a
/// multipart request could carry any document past the JSON rules with nothing uploaded. (A file in a declared variable
/// of another type fails that type's coercion.) A validation rule, so cached and trusted documents are checked too.
/// </summary>
public sealed class UploadVariablesRule : ValidationRuleBase
{
    public const string Code = "UPLOAD_VARIABLE_NOT_DECLARED";

    /// <summary>In the user context of a multipart request: the names of the variables that hold its files.</summary>
    public const string UploadVariablesKey = "diecast.http.uploadVariables";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserContext.TryGetValue(UploadVariablesKey, out var value) && value is IReadOnlySet<string> uploadVariables)
        {
            var declared = context.Operation.Variables?.Items.Select(variable => variable.Variable.Name.StringValue).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var name in uploadVariables.Where(name => !declared.Contains(name)).Order(StringComparer.Ordinal))
            {
                context.ReportError(new UndeclaredUploadVariableError(context.Document, context.Operation, name));
            }
        }

        return default;
    }
}

#pragma warning disable CA1032 // Only the rule creates it.
public sealed class UndeclaredUploadVariableError : ValidationError
#pragma warning restore CA1032
{
    public UndeclaredUploadVariableError(GraphQLDocument document, GraphQLOperationDefinition operation, string variable)
        : base(document.Source, null, $"The map puts a file into the variable '${variable}', which the operation does not declare; declare it with the type Upload.", operation)
    {
        Code = UploadVariablesRule.Code;
    }
}
