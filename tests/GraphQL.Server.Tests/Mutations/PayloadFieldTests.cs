using Diecast.GraphQL.Server.Mutations;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Server.Tests.Mutations;

/// <summary>A payload with more than the changed object: each field reads its part of the result's value.</summary>
public sealed class PayloadFieldTests
{
    [Fact]
    public async Task Further_payload_fields_read_the_value_and_follow_the_object_before_errors()
    {
        var schema = Schema(value: new Receipt("Dune", "tok-1"));

        var result = await RunAsync(schema, "mutation { lendBook(input: { title: \"Dune\" }) { book token errors { __typename } } }");

        Assert.Equal("""{"data":{"lendBook":{"book":"Dune","token":"tok-1","errors":null}}}""", result);
        var payload = (IObjectGraphType)schema.AllTypes["LendBookPayload"]!;
        Assert.Equal(["book", "token", "errors"], payload.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task Without_a_value_every_payload_field_is_null_and_errors_say_why()
    {
        var schema = Schema(value: null);

        var result = await RunAsync(schema, "mutation { lendBook(input: { title: \"Dune\" }) { book token errors { __typename ... on Error { message } } } }");

        Assert.Equal("""{"data":{"lendBook":{"book":null,"token":null,"errors":[{"__typename":"ValidationError","message":"No such book."}]}}}""", result);
    }

    private sealed record Receipt(string Title, string Token);

    private sealed class LendInput
    {
        public string Title { get; init; } = "";
    }

    private sealed class LendInputGraphType : InputObjectGraphType<LendInput>
    {
        public LendInputGraphType()
        {
            Name = "LendBookInput";
            Field<NonNullGraphType<StringGraphType>>("title");
        }
    }

    private static Schema Schema(Receipt? value)
    {
        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.AddMutation<LendInputGraphType, StringGraphType>("lendBook")
            .Description("Lends a book.")
            .PayloadField("book", receipt => ((Receipt)receipt).Title)
            .PayloadField<StringGraphType>("token", "The lending slip.", receipt => ((Receipt)receipt).Token)
            .Error<ValidationErrorGraphType>()
            .Resolve<LendInput>((_, _) => Task.FromResult(value is null
                ? MutationResult.Failure(new ValidationError("No such book.", ["input", "title"]))
                : MutationResult.Success(value)));
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("ping").Resolve(_ => "pong");
        var schema = new Schema { Query = query, Mutation = mutation };
        schema.RegisterType(new ErrorInterfaceGraphType());
        schema.Initialize();
        return schema;
    }

    private static async Task<string> RunAsync(ISchema schema, string query)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var result = await new DocumentExecuter().ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Query = query;
            options.RequestServices = services;
        });
        return new GraphQLSerializer().Serialize(result);
    }
}
