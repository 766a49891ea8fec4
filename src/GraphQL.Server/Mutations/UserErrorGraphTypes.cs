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

public sealed class ValidationErrorGraphType : ObjectGraphType<ValidationError>
{
    public ValidationErrorGraphType()
    {
        Name = "ValidationError";
        Description = "An input value that is not acceptable. Nothing was changed.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is ValidationError;
        Field(e => e.Message).Description("What is wrong with the value.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("path")
            .Description("Where the value is, from the field's arguments: e.g. [\"input\", \"images\", \"2\"].")
            .Resolve(context => context.Source.Path);
    }
}

public sealed class NotFoundErrorGraphType : ObjectGraphType<NotFoundError>
{
    public NotFoundErrorGraphType()
    {
        Name = "NotFoundError";
        Description = "The object the input names does not exist. Nothing was changed.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is NotFoundError;
        Field(e => e.Message).Description("Which object was not found.");
        Field<NonNullGraphType<IdGraphType>>("id").Description("The ID that was looked for.").Resolve(context => context.Source.Id);
    }
}

public sealed class ConcurrentEditErrorGraphType : ObjectGraphType<ConcurrentEditError>
{
    public ConcurrentEditErrorGraphType()
    {
        Name = "ConcurrentEditError";
        Description = "Someone else changed the object since it was read; nothing was changed. Read it again and retry.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is ConcurrentEditError;
        Field(e => e.Message).Description("What conflicted.");
        Field<NonNullGraphType<IdGraphType>>("id").Description("The object that changed.").Resolve(context => context.Source.Id);
    }
}
