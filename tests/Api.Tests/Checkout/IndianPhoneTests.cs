using Diecast.Api.Checkout;

namespace Diecast.Api.Tests.Checkout;

public sealed class IndianPhoneTests
{
    [Theory]
    [InlineData("9876543210")]
    [InlineData("6000000000")]
    [InlineData("7999999999")]
    [InlineData("8123456789")]
    [InlineData("+919876543210")]
    [InlineData("+91 98765 43210")]
    [InlineData("+91-98765-43210")]
    [InlineData("919876543210")]
    [InlineData("91 9876543210")]
    [InlineData("09876543210")]
    [InlineData("098765-43210")]
    [InlineData("  9876543210  ")]
    [InlineData("98765 43210")]
    [InlineData("9187654321")] // ten digits that happen to start with 91: a number, not a prefix
    public void Mobile_numbers_as_people_type_them_are_stored_as_plus_91_and_ten_digits(string typed)
    {
        Assert.True(IndianPhone.TryNormalize(typed, out var normalized));
        Assert.Matches(@"^\+91[6-9][0-9]{9}\z", normalized);
        Assert.EndsWith(new string([.. typed.Where(char.IsAsciiDigit)])[^10..], normalized, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("987654321")] // 9 digits
    [InlineData("98765432101")] // 11 digits, not a trunk 0
    [InlineData("5876543210")] // starts with 5: not a mobile range
    [InlineData("0876543210")]
    [InlineData("1234567890")]
    [InlineData("+925876543210")] // Pakistan
    [InlineData("+929876543210")]
    [InlineData("+9876543210")] // + without the country code
    [InlineData("+1 9876543210")]
    [InlineData("0091 9876543210")]
    [InlineData("+91 0 9876543210")]
    [InlineData("00919876543210")]
    [InlineData("++919876543210")]
    [InlineData("91+9876543210")]
    [InlineData("98765abcde")]
    [InlineData("phone")]
    [InlineData("(987) 654-3210")]
    [InlineData("9876.543.210")]
    [InlineData("９８７６５４３２１０")] // full-width digits
    [InlineData("٩٨٧٦٥٤٣٢١٠")] // Arabic-Indic digits
    [InlineData("९८७६५४३२१०")] // Devanagari digits
    [InlineData("9876543210\n")]
    [InlineData("\t9876543210")]
    [InlineData("9876 543 210 9")]
    [InlineData("91987654321")] // 91 + nine digits
    [InlineData("+9198765432100")]
    public void Anything_else_is_refused(string typed) => Assert.False(IndianPhone.TryNormalize(typed, out _));

    [Fact]
    public void A_very_long_string_is_refused_without_scanning_it() =>
        Assert.False(IndianPhone.TryNormalize(new string(' ', 100_000) + "9876543210", out _));
}
