using Diecast.Api.Checkout;

namespace Diecast.Api.Tests.Checkout;

public sealed class PinCodeTests
{
    [Theory]
    [InlineData("400001", "400001")]
    [InlineData("110011", "110011")]
    [InlineData("999999", "999999")]
    [InlineData("400 001", "400001")]
    public void Six_digits_not_starting_with_zero_are_PIN_codes(string typed, string stored)
    {
        Assert.True(PinCode.TryNormalize(typed, out var normalized));
        Assert.Equal(stored, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("040001")] // no PIN zone 0
    [InlineData("000000")]
    [InlineData("40001")] // 5 digits
    [InlineData("4000011")] // 7 digits
    [InlineData("40 0001")]
    [InlineData("400-001")]
    [InlineData("4000 01")]
    [InlineData(" 400001")]
    [InlineData("400001 ")]
    [InlineData("400001\n")]
    [InlineData("40000a")]
    [InlineData("４００００１")] // full-width digits
    [InlineData("४०००१२")] // Devanagari digits
    [InlineData("SW1A 1AA")]
    [InlineData("400  001")]
    public void Anything_else_is_not(string typed) => Assert.False(PinCode.TryNormalize(typed, out _));
}
