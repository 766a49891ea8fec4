using GraphQL.Validation;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// GraphQL.NET's validation, preceded by <see cref="DocumentLimits"/>: some of its rules (field merging, directive
/// uniqueness, fragment cycles) take quadratic or exponential time on hostile documents, so the shape is checked first
/// and a document that breaks a limit never reaches them. Runs for cached documents too, since variables count.
/// An operation of a type the schema has no root for (a subscription: there is no <c>Subscription</c> type) is refused
/// here too: GraphQL.NET's rules let it through and its complexity analyzer then throws, which answered a client's
/// mistake with <c>INTERNAL_ERROR</c> (and a stack trace in Development).
/// </summary>
public sealed class DocumentLimitsValidator(IOptions<GraphQLLimits> options) : IDocumentValidator
{
    private readonly DocumentValidator _validator = new();
    private readonly DocumentLimits _limits = new(options.Value);

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        ValidationError? refused = (ValidationError?)_limits.Check(options.Document, options.Variables) ?? UnsupportedOperationType(options);
        return refused is null
            ? _validator.ValidateAsync(options)
            : Task.FromResult<IValidationResult>(new ValidationResult([refused]));
    }

    private static UnsupportedOperationTypeError? UnsupportedOperationType(in ValidationOptions options)
    {
        var operation = options.Operation;
        var root = operation.Operation switch
        {
            OperationType.Query => (object?)options.Schema.Query,
            OperationType.Mutation => options.Schema.Mutation,
            OperationType.Subscription => options.Schema.Subscription,
            _ => null,
        };
        if (root is not null)
        {
            return null;
        }

        var kind = operation.Operation.ToString().ToLowerInvariant();
        return new UnsupportedOperationTypeError(options.Document, operation, $"This API does not support {kind} operations.");
    }
}

/// <summary>An operation whose type (subscription) the schema has no root type for; GraphQL.NET's code for it.</summary>
#pragma warning disable CA1032 // Only DocumentLimitsValidator creates it.
public sealed class UnsupportedOperationTypeError : ValidationError
#pragma warning restore CA1032
{
    public const string ErrorCode = "INVALID_OPERATION";

    public UnsupportedOperationTypeError(GraphQLDocument document, GraphQLOperationDefinition operation, string message)
        : base(document.Source, null, message, operation)
    {
        Code = ErrorCode;
    }
}
