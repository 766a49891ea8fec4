using System.Text.Json;
using FluentValidation.Results;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Diecast.GraphQL.Server.Mutations;

/// <summary>What a mutation resolver returns: the changed object, or the user errors that stopped it.</summary>
public sealed record MutationResult(object? Value, IReadOnlyList<IUserError> Errors)
{
    public static MutationResult Success(object value) => new(value, []);

    public static MutationResult Failure(params IUserError[] errors) => new(null, errors);

    public static MutationResult Invalid(ValidationResult validation) => new(null, [.. validation.Errors.Select(ToUserError)]);

    /// <summary><paramref name="field"/> of the input does not hold an ID of a <paramref name="thing"/>.</summary>
    public static MutationResult NotAnId(string thing, string field = "id") =>
        Failure(new ValidationError($"{field} must be the ID of a {thing}.", [MutationConventions.InputArgument, field]));

    public static MutationResult NotFound(string thing, string id) => Failure(new NotFoundError($"No {thing} has this ID.", id));

    public static MutationResult Conflict(string thing, string id) =>
        Failure(new ConcurrentEditError($"The {thing} changed since you read it; nothing was saved. Read it again and retry.", id));

    public static MutationResult SlugTaken(string thing, string slug) =>
        Failure(new ValidationError($"slug must be unique: \"{slug}\" is already taken by another {thing}.", [MutationConventions.InputArgument, "slug"]));

    /// <summary>FluentValidation's "Images[2]" on the input becomes the path ["input", "images", "2"].</summary>
    private static ValidationError ToUserError(ValidationFailure failure)
    {
        var path = new List<string> { MutationConventions.InputArgument };
        foreach (var part in failure.PropertyName.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            path.Add(JsonNamingPolicy.CamelCase.ConvertName(bracket < 0 ? part : part[..bracket]));
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
    /// Adds a mutation <paramref name="name"/> that takes <typeparamref name="TInputGraphType"/> and returns
    /// <typeparamref name="TResultGraphType"/> in its payload's <paramref name="resultField"/>; who may run it is for the
    /// caller to set on the field it returns.
    /// </summary>
    public static FieldType AddMutation<TInputGraphType, TResultGraphType>(
        this ObjectGraphType mutation,
        string name,
        string resultField,
        string description,
        IReadOnlyList<Type> errorGraphTypes,
        Func<IResolveFieldContext, Task<MutationResult>> resolve)
        where TInputGraphType : IInputObjectGraphType
        where TResultGraphType : IGraphType
    {
        ArgumentNullException.ThrowIfNull(mutation);
        ArgumentNullException.ThrowIfNull(errorGraphTypes);
        var typeName = char.ToUpperInvariant(name[0]) + name[1..];
        var errorUnion = new UnionGraphType { Name = typeName + "Error", Description = $"What can stop {name}." };
        foreach (var errorGraphType in errorGraphTypes)
        {
            errorUnion.Type(errorGraphType);
        }

        var payload = new ObjectGraphType { Name = typeName + "Payload", Description = $"The outcome of {name}." };
        payload.Field<TResultGraphType>(resultField)
            .Description("The changed object; null when the mutation failed.")
            .Resolve(context => ((MutationResult)context.Source!).Value);
        payload.AddField(new FieldType
        {
            Name = "errors",
            Description = "Why the mutation failed; null when it succeeded.",
            ResolvedType = new ListGraphType(new NonNullGraphType(errorUnion)),
            Resolver = new FuncFieldResolver<object?>(context => ((MutationResult)context.Source!).Errors is { Count: > 0 } errors ? errors : null),
        });

        var field = new FieldType
        {
            Name = name,
            Description = description,
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<TInputGraphType>> { Name = InputArgument, Description = "What to change." }),
            ResolvedType = new NonNullGraphType(payload),
            Resolver = new FuncFieldResolver<object?>(async context => await resolve(context)),
        };
        mutation.AddField(field);
        return field;
    }
}
