using Diecast.GraphQL.Server.Http;

namespace Diecast.GraphQL.Server.Tests.Http;

public sealed class GraphQLMediaTypesTests
{
    private const string GraphQLResponse = GraphQLMediaTypes.GraphQLResponse;
    private const string Json = GraphQLMediaTypes.Json;

    [Theory]
    [InlineData(null, Json)]
    [InlineData("", Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/json", Json)]
    [InlineData("application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json, application/json, text/event-stream", GraphQLResponse)] // StrawberryShake
    [InlineData("application/json, application/graphql-response+json;q=0.9", Json)]
    [InlineData("application/json;q=0.5, application/graphql-response+json;q=0.9", GraphQLResponse)]
    [InlineData("text/html, */*;q=0.8", Json)]
    [InlineData("text/html", null)]
    [InlineData("application/graphql-response+json;q=0", null)]
    public void Negotiates_the_response_type(string? accept, string? expected) =>
        Assert.Equal(expected, GraphQLMediaTypes.Negotiate(accept is null ? null : [accept]));

    [Fact]
    public void An_unparsable_accept_header_is_an_error() =>
        Assert.Throws<FormatException>(() => GraphQLMediaTypes.Negotiate(["application/json;;;==,,q"]));

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON; charset=UTF-8", true)]
    [InlineData("application/json; charset=latin1", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/graphql", false)]
    [InlineData("", false)]
    public void Recognises_json_request_bodies(string contentType, bool expected) =>
        Assert.Equal(expected, GraphQLMediaTypes.IsJsonContent(contentType));
}
