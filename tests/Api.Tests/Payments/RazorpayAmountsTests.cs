using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Tests.Payments;

public class RazorpayAmountsTests
{
    [Theory]
    [InlineData("299.00", 29900)]
    [InlineData("299", 29900)]
    [InlineData("1", 100)]
    [InlineData("0.01", 1)]
    [InlineData("0", 0)]
    [InlineData("2499.50", 249950)]
    [InlineData("12345678.99", 1234567899)]
    [InlineData("0.1", 10)]
    [InlineData("92233720368547758.07", long.MaxValue)]
    public void Rupees_become_whole_paise(string rupees, long paise) =>
        Assert.Equal(paise, RazorpayAmounts.ToPaise(decimal.Parse(rupees, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("1.005")]
    [InlineData("0.001")]
    [InlineData("299.999")]
    [InlineData("-1")]
    [InlineData("-0.01")]
    [InlineData("92233720368547758.08")]
    public void Fractions_of_a_paisa_negative_and_overflowing_amounts_are_refused(string rupees)
    {
        var amount = decimal.Parse(rupees, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentOutOfRangeException>(() => RazorpayAmounts.ToPaise(amount));
        Assert.False(RazorpayAmounts.TryToPaise(amount, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Trailing_zeros_beyond_the_paisa_are_whole_paise() => Assert.Equal(29900, RazorpayAmounts.ToPaise(299.0000m));

    [Theory]
    [InlineData("0.99")]
    [InlineData("0")]
    [InlineData("0.01")]
    public void Razorpay_orders_below_one_rupee_are_refused(string rupees) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RazorpayAmounts.ToOrderPaise(decimal.Parse(rupees, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void One_rupee_is_the_smallest_order() => Assert.Equal(100, RazorpayAmounts.ToOrderPaise(1.00m));

    [Theory]
    [InlineData(29900, "299.00")]
    [InlineData(1, "0.01")]
    [InlineData(0, "0.00")]
    [InlineData(2244, "22.44")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    public void Paise_become_rupees_exactly_with_two_places(long paise, string rupees) =>
        Assert.Equal(rupees, RazorpayAmounts.FromPaise(paise).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Negative_paise_are_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => RazorpayAmounts.FromPaise(-1));

    [Fact]
    public void Every_paisa_survives_the_round_trip()
    {
        for (long paise = 0; paise < 100_000; paise += 7)
        {
            Assert.Equal(paise, RazorpayAmounts.ToPaise(RazorpayAmounts.FromPaise(paise)));
        }
    }
}
