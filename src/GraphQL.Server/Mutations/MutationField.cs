using Diecast.GraphQL.Server.Resolvers;
using GraphQL.Resolvers;

namespace Diecast.GraphQL.Server.Mutations;

/// <summary>
/// One mutation in HotChocolate's conventions, each part named where it is given:
/// <code>
/// mutation.AddMutation&lt;CreateBookInputGraphType, BookGraphType&gt;("createBook")
///     .Description("Adds a book to the library.")
///     .PayloadField("book")
///     .Error&lt;ValidationErrorGraphType&gt;()
///     .Resolve&lt;CreateBookInput, LibraryDbContext&gt;(CreateAsync);
/// </code>
/// The resolver states what it needs: the typed input, up to three dependencies (<see cref="ResolverDependencies"/>)
/// and the request's cancellation token. The field is added to the mutation type by <c>Resolve</c>.
/// </summary>
public sealed class MutationField<TInputGraphType, TResultGraphType>
    where TInputGraphType : IInputObjectGraphType
    where TResultGraphType : IGraphType
{
    private readonly ObjectGraphType _mutation;
    private readonly string _name;
    private readonly List<Type> _errorGraphTypes = [];
    private readonly List<Action<FieldType>> _configure = [];
    private readonly List<FieldType> _extraPayloadFields = [];
    private string? _description;
    private string? _payloadField;
    private Func<object, object?> _readResult = value => value;

    internal MutationField(ObjectGraphType mutation, string name)
    {
        _mutation = mutation;
        _name = name;
    }

    /// <summary>The mutation field's description in the schema.</summary>
    public MutationField<TInputGraphType, TResultGraphType> Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>The name of the payload's field that holds the changed object, e.g. <c>book</c>.</summary>
    public MutationField<TInputGraphType, TResultGraphType> PayloadField(string name)
    {
        _payloadField = name;
        return this;
    }

    /// <summary>
    /// The payload's field that holds the changed object, read from the resolver's <see cref="MutationResult.Value"/> by
    /// <paramref name="read"/>: for a payload with more fields than the object (<see cref="PayloadField{TGraphType}"/>),
    /// whose value carries them all.
    /// </summary>
    public MutationField<TInputGraphType, TResultGraphType> PayloadField(string name, Func<object, object?> read)
    {
        _payloadField = name;
        _readResult = read;
        return this;
    }

    /// <summary>
    /// A further payload field, after the changed object and before <c>errors</c> (HotChocolate keeps the fields of a
    /// payload type it is given): <paramref name="read"/> takes the resolver's <see cref="MutationResult.Value"/>; the
    /// field is null when there is no value.
    /// </summary>
    public MutationField<TInputGraphType, TResultGraphType> PayloadField<TGraphType>(string name, string description, Func<object, object?> read)
        where TGraphType : IGraphType
    {
        _extraPayloadFields.Add(new FieldType
        {
            Name = name,
            Description = description,
            Type = typeof(TGraphType),
            Resolver = new FuncFieldResolver<object?>(context => ((MutationResult)context.Source!).Value is { } value ? read(value) : null),
        });
        return this;
    }

    /// <summary>An error type the payload's <c>errors</c> union may hold; in the order given.</summary>
    public MutationField<TInputGraphType, TResultGraphType> Error<TErrorGraphType>()
        where TErrorGraphType : IObjectGraphType
    {
        _errorGraphTypes.Add(typeof(TErrorGraphType));
        return this;
    }

    /// <summary>Changes the field once it is built, e.g. to require a role.</summary>
    public MutationField<TInputGraphType, TResultGraphType> Configure(Action<FieldType> configure)
    {
        _configure.Add(configure);
        return this;
    }

    public FieldType Resolve<TInput>(Func<TInput, CancellationToken, Task<MutationResult>> resolve) =>
        Build((context, _) => resolve(Input<TInput>(context), context.CancellationToken));

    public FieldType Resolve<TInput, T1>(Func<TInput, T1, CancellationToken, Task<MutationResult>> resolve)
        where T1 : notnull =>
        Build((context, dependencies) => resolve(Input<TInput>(context), dependencies.Get<T1>(), context.CancellationToken));

    public FieldType Resolve<TInput, T1, T2>(Func<TInput, T1, T2, CancellationToken, Task<MutationResult>> resolve)
        where T1 : notnull
        where T2 : notnull =>
        Build((context, dependencies) => resolve(Input<TInput>(context), dependencies.Get<T1>(), dependencies.Get<T2>(), context.CancellationToken));

    public FieldType Resolve<TInput, T1, T2, T3>(Func<TInput, T1, T2, T3, CancellationToken, Task<MutationResult>> resolve)
        where T1 : notnull
        where T2 : notnull
        where T3 : notnull =>
        Build((context, dependencies) => resolve(Input<TInput>(context), dependencies.Get<T1>(), dependencies.Get<T2>(), dependencies.Get<T3>(), context.CancellationToken));

    public FieldType Resolve<TInput, T1, T2, T3, T4>(Func<TInput, T1, T2, T3, T4, CancellationToken, Task<MutationResult>> resolve)
        where T1 : notnull
        where T2 : notnull
        where T3 : notnull
        where T4 : notnull =>
        Build((context, dependencies) => resolve(
            Input<TInput>(context), dependencies.Get<T1>(), dependencies.Get<T2>(), dependencies.Get<T3>(), dependencies.Get<T4>(), context.CancellationToken));

    private static TInput Input<TInput>(IResolveFieldContext context) => context.GetArgument<TInput>(MutationConventions.InputArgument);

    private FieldType Build(Func<IResolveFieldContext, ResolverDependencies, Task<MutationResult>> resolve)
    {
        var description = _description ?? throw new InvalidOperationException($"The mutation {_name} needs a description.");
        var payloadField = _payloadField ?? throw new InvalidOperationException($"The mutation {_name} needs a payload field.");
        var typeName = char.ToUpperInvariant(_name[0]) + _name[1..];
        var errorUnion = new UnionGraphType { Name = typeName + "Error", Description = $"What can stop {_name}." };
        foreach (var errorGraphType in _errorGraphTypes)
        {
            errorUnion.Type(errorGraphType);
        }

        var payload = new ObjectGraphType { Name = typeName + "Payload", Description = $"The outcome of {_name}." };
        payload.Field<TResultGraphType>(payloadField)
            .Description("The changed object; null when the mutation failed.")
            .Resolve(context => ((MutationResult)context.Source!).Value is { } value ? _readResult(value) : null);
        foreach (var extra in _extraPayloadFields)
        {
            payload.AddField(extra);
        }

        payload.AddField(new FieldType
        {
            Name = "errors",
            Description = "Why the mutation failed; null when it succeeded.",
            ResolvedType = new ListGraphType(new NonNullGraphType(errorUnion)),
            Resolver = new FuncFieldResolver<object?>(context => ((MutationResult)context.Source!).Errors is { Count: > 0 } errors ? errors : null),
        });

        var field = new FieldType
        {
            Name = _name,
            Description = description,
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<TInputGraphType>> { Name = MutationConventions.InputArgument, Description = "What to change." }),
            ResolvedType = new NonNullGraphType(payload),
            Resolver = new FuncFieldResolver<object?>(async context =>
            {
                await using var dependencies = new ResolverDependencies(context);
                return await resolve(context, dependencies);
            }),
        };
        foreach (var configure in _configure)
        {
            configure(field);
        }

        _mutation.AddField(field);
        return field;
    }
}
