namespace Diecast.GraphQL.Client.Tests;

/// <summary>
/// Responses that are JSON but not the shape the operation promises: each is a typed client error, never an exception
/// escaping ExecuteAsync and never an empty success.
/// </summary>
public sealed class MalformedResponseTests
{
    public static TheoryData<string, string, string> Responses() => new()
    {
        // name, response body, expected error code
        { "a string where an object belongs", """{"data":{"__typename":"Query","search":"oops"}}""", ClientErrorCodes.InvalidData },
        { "a number where a list item object belongs", """{"data":{"__typename":"Query","search":[1]}}""", ClientErrorCodes.InvalidData },
        { "a list where the data object belongs", """{"data":[1]}""", ClientErrorCodes.InvalidData },
        { "null data and no error", """{"data":null}""", ClientErrorCodes.MalformedResponse },
        { "an empty error list and no data", """{"errors":[]}""", ClientErrorCodes.MalformedResponse },
        { "a JSON array", """[{"data":{}}]""", ClientErrorCodes.MalformedResponse },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task A_response_of_the_wrong_shape_is_a_typed_error(string name, string body, string code)
    {
        var result = await SearchOperation.ExecuteAsync(StandInApi.Answering(body));

        Assert.True(result.IsErrorResult(), name);
        Assert.Equal(code, result.Errors[0].Code);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task Extensions_naming_a_key_twice_keep_the_last()
    {
        var result = await SearchOperation.ExecuteAsync(StandInApi.Answering("""{"errors":[{"message":"No.","extensions":{"code":"FIRST","code":"LAST"}}]}"""));

        Assert.Equal("LAST", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Errors_that_are_not_a_list_or_not_objects_are_malformed_response_errors()
    {
        var notAList = await SearchOperation.ExecuteAsync(StandInApi.Answering("""{"errors":{"message":"No."}}"""));
        var notObjects = await SearchOperation.ExecuteAsync(StandInApi.Answering("""{"errors":["No."]}"""));

        Assert.Equal(ClientErrorCodes.MalformedResponse, Assert.Single(notAList.Errors).Code);
        Assert.Equal(ClientErrorCodes.MalformedResponse, Assert.Single(notObjects.Errors).Code);
    }
}
