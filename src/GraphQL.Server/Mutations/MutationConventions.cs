using FluentValidation.Results;

namespace Diecast.GraphQL.Server.Mutations;

/// <summary>What a mutation resolver returns: the changed object, or the user errors that stopped it.</summary>
public sealed record MutationResult(object? Value, IReadOnlyList<IUserError> Errors)
{
    public static MutationResult Success(object value) => new(value, []);

    public static MutationResult Failure(params IUserError[] errors) => new(null, errors);

    public static MutationResult Invalid(ValidationResult validation) => new(null, [.. validation.Errors.Select(ToUserError)]);

    /// <summary><paramref name="field"/> of the input is not an ID of the entity messages call <paramref name="entityName"/> (e.g. "book").</summary>
    public static MutationResult NotAnId(string entityName, string field = "id") =>
        Failure(new ValidationError($"{field} must be the ID of a {entityName}.", [MutationConventions.InputArgument, field]));

    public static MutationResult NotFound(string entityName, string id) => Failure(new NotFoundError($"No {entityName} has this ID.", id));

    public static MutationResult Conflict(string entityName, string id) =>
        Failure(new ConcurrentEditError($"The {entityName} changed since you read it; nothing was saved. Read it again and retry.", id));

    public static MutationResult SlugTaken(string entityName, string slug) =>
        Failure(new ValidationError($"slug must be unique: \"{slug}\" is already taken by another {entityName}.", [MutationConventions.InputArgument, "slug"]));

    /// <summary>FluentValidation's "Images[2]" on the input becomes the path ["input", "images", "2"].</summary>
    private static ValidationError ToUserError(ValidationFailure failure)
    {
        var path = new List<string> { MutationConventions.InputArgument };
        foreach (var part in failure.PropertyName.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            path.Add(SchemaNames.InputField(bracket < 0 ? part : part[..bracket]));
            if (bracket >= 0)
            {
                path.Add(part[(bracket + 1)..^1]);
            }
        }

        return new ValidationError(failure.ErrorMessage, path);
    }
}

/// <summary>
/// HotChocolate's mutation conventions: <c>name(input: NameInput!): NamePayload!</c>, the payload holding the result
/// (nullable, named after its type) and <c>errors: [NameError!]</c>, a union of the error types the mutation declares.
/// </summary>
public static class MutationConventions
{
    public const string InputArgument = "input";

    /// <summary>
    /// Starts the mutation <paramref name="name"/>, taking <typeparamref name="TInputGraphType"/> and returning
    /// <typeparamref name="TResultGraphType"/> in its payload; <see cref="MutationField{TInputGraphType, TResultGraphType}.Resolve{TInput}"/>
    /// adds it. Who may run it is for the caller to set (<see cref="MutationField{TInputGraphType, TResultGraphType}.Configure"/>).
    /// </summary>
    public static MutationField<TInputGraphType, TResultGraphType> AddMutation<TInputGraphType, TResultGraphType>(this ObjectGraphType mutation, string name)
        where TInputGraphType : IInputObjectGraphType
        where TResultGraphType : IGraphType
    {
        ArgumentNullException.ThrowIfNull(mutation);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(mutation, name);
    }
}
