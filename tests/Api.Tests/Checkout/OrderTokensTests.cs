using Diecast.Api.Checkout;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Diecast.Api.Tests.Checkout;

public sealed class OrderTokensTests
{
    private readonly OrderTokens _tokens = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_token_opens_the_order_it_was_issued_for()
    {
        var token = _tokens.Issue(42, "DC-10042");

        Assert.True(_tokens.TryOpen(token, out var id, out var number));
        Assert.Equal((42, "DC-10042"), (id, number));
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void Tokens_of_two_orders_differ_and_each_opens_only_its_own()
    {
        var a = _tokens.Issue(1, "DC-10001");
        var b = _tokens.Issue(2, "DC-10002");

        Assert.NotEqual(a, b);
        Assert.True(_tokens.TryOpen(b, out var id, out _));
        Assert.Equal(2, id);
    }

    [Fact]
    public void Every_single_byte_change_makes_the_token_invalid()
    {
        var bytes = WebEncoders.Base64UrlDecode(_tokens.Issue(7, "DC-10007"));
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            Assert.False(_tokens.TryOpen(WebEncoders.Base64UrlEncode(tampered), out _, out _), $"byte {i}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("RGVjYXN0")]
    [InlineData("!!!!")]
    public void Garbage_is_not_a_token(string? token) => Assert.False(_tokens.TryOpen(token, out _, out _));

    [Fact]
    public void A_truncated_token_an_overlong_one_and_another_purposes_protection_are_not_tokens()
    {
        var provider = new EphemeralDataProtectionProvider();
        var tokens = new OrderTokens(provider);
        var token = tokens.Issue(7, "DC-10007");
        var cursorLike = WebEncoders.Base64UrlEncode(provider.CreateProtector("Diecast.GraphQL.Querying.Cursor.v1").Protect([0, 0, 0, 7, 65]));

        Assert.False(tokens.TryOpen(token[..^2], out _, out _));
        Assert.False(tokens.TryOpen(token + new string('A', OrderTokens.MaxLength), out _, out _));
        Assert.False(tokens.TryOpen(cursorLike, out _, out _));
    }

    [Fact]
    public void Another_key_ring_does_not_open_the_token() =>
        Assert.False(new OrderTokens(new EphemeralDataProtectionProvider()).TryOpen(_tokens.Issue(7, "DC-10007"), out _, out _));
}
