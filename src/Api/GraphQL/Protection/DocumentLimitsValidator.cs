using Diecast.Api.GraphQL.Http;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Diecast.Api.GraphQL.Protection;

/// <summary>
/// GraphQL.NET's validation, preceded by <see cref="DocumentLimits"/>: some of its rules (field merging, directive
/// uniqueness, fragment cycles) take quadratic or exponential time on hostile documents, so the shape is checked first
/// and a document that breaks a limit never reaches them. Runs for cached documents too, since variables count.
/// </summary>
public sealed class DocumentLimitsValidator(IOptions<GraphQLHttpOptions> options) : IDocumentValidator
{
    private readonly DocumentValidator _validator = new();
    private readonly DocumentLimits _limits = new(options.Value);

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var refused = _limits.Check(options.Document, options.Variables);
        return refused is null
            ? _validator.ValidateAsync(options)
            : Task.FromResult<IValidationResult>(new ValidationResult([refused]));
    }
}
