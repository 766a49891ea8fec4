using Diecast.GraphQL.Server.Relay;

namespace Diecast.GraphQL.Server.Tests.Relay;

public sealed class NodeIdTests
{
    [Theory]
    [InlineData("Foo", "32", "Rm9vOjMy")]
    [InlineData("Foo", "abc", "Rm9vOmFiYw==")]
    [InlineData("Brand", "11", "QnJhbmQ6MTE=")]
    public void Encodes_as_HotChocolate_does(string typeName, string key, string expected) =>
        Assert.Equal(expected, NodeId.Encode(typeName, key));

    [Theory]
    [InlineData("Rm9vOjMy", "Foo", "32")]
    [InlineData("Rm9vOmFiYw", "Foo", "abc")] // padding dropped by the client
    [InlineData("Rm9vCmkzMg==", "Foo", "32")] // HotChocolate's legacy format, int code
    [InlineData("Rm9vCmRhYmM=", "Foo", "abc")] // legacy, string code
    public void Decodes_current_and_legacy_ids(string id, string expectedType, string expectedKey)
    {
        Assert.True(NodeId.TryDecode(id, out var typeName, out var key));
        Assert.Equal(expectedType, typeName);
        Assert.Equal(expectedKey, key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("Rm9v")] // "Foo": no separator
    [InlineData("OjMy")] // ":32": no type
    [InlineData("Rm9vOg==")] // "Foo:": no key
    public void Refuses_malformed_ids(string id) => Assert.False(NodeId.TryDecode(id, out _, out _));

    [Fact]
    public void Refuses_overlong_ids() => Assert.False(NodeId.TryDecode(new string('A', 2000), out _, out _));

    [Fact]
    public void Integer_keys_must_belong_to_the_expected_type()
    {
        var productId = NodeId.Encode("Product", 42);

        Assert.True(NodeId.TryDecodeInt(productId, "Product", out var key));
        Assert.Equal(42, key);
        Assert.False(NodeId.TryDecodeInt(productId, "JournalEntry", out _));
        Assert.False(NodeId.TryDecodeInt(NodeId.Encode("Product", "-1"), "Product", out _));
        Assert.False(NodeId.TryDecodeInt(NodeId.Encode("Product", "99999999999"), "Product", out _));
    }
}
