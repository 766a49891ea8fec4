namespace Diecast.GraphQL.Server.Mutations;

/// <summary>HotChocolate's <c>interface Error { message: String! }</c>, which every user error implements.</summary>
public sealed class ErrorInterfaceGraphType : InterfaceGraphType<IUserError>
{
    public ErrorInterfaceGraphType()
    {
        Name = "Error";
        Description = "An expected failure of a mutation, reported in its payload.";
        Field(e => e.Message).Description("What went wrong, for people.");
    }
}

/// <summary>
/// An error type in HotChocolate's mutation conventions: named after <typeparamref name="TError"/>, implementing
/// <c>Error</c> with its message, and told apart in a payload's <c>errors</c> union by its CLR type. A derived type
/// adds the fields that say more (a path, an ID).
/// </summary>
public abstract class UserErrorGraphType<TError> : ObjectGraphType<TError>
    where TError : IUserError
{
    protected UserErrorGraphType(string description, string messageDescription)
    {
        Name = typeof(TError).Name;
        Description = description;
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is TError;
        Field(e => e.Message).Description(messageDescription);
    }
}

public sealed class ValidationErrorGraphType : UserErrorGraphType<ValidationError>
{
    public ValidationErrorGraphType()
        : base("An input value that is not acceptable. Nothing was changed.", "What is wrong with the value.")
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("path")
            .Description("Where the value is, from the field's arguments: e.g. [\"input\", \"images\", \"2\"].")
            .Resolve(context => context.Source.Path);
    }
}

public sealed class NotFoundErrorGraphType : UserErrorGraphType<NotFoundError>
{
    public NotFoundErrorGraphType()
        : base("The object the input names does not exist. Nothing was changed.", "Which object was not found.")
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The ID that was looked for.").Resolve(context => context.Source.Id);
    }
}

public sealed class ConcurrentEditErrorGraphType : UserErrorGraphType<ConcurrentEditError>
{
    public ConcurrentEditErrorGraphType()
        : base("Someone else changed the object since it was read; nothing was changed. Read it again and retry.", "What conflicted.")
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The object that changed.").Resolve(context => context.Source.Id);
    }
}
