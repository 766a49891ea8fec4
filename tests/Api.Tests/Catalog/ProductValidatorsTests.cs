using Diecast.Api.Catalog;
using Microsoft.Extensions.Time.Testing;

namespace Diecast.Api.Tests.Catalog;

public sealed class ProductValidatorsTests
{
    [Theory]
    [InlineData(1884, false)]
    [InlineData(1885, true)]
    [InlineData(2042, true)]
    [InlineData(2043, false)]
    public async Task A_year_is_valid_from_1885_to_two_years_after_the_injected_clocks_year(int year, bool valid)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2040, 12, 31, 23, 59, 0, TimeSpan.Zero));

        var create = await new CreateProductInputValidator(time).ValidateAsync(Product(year));
        var update = await new UpdateProductInputValidator(time).ValidateAsync(new UpdateProductInput { Id = "x", Version = 1, Year = year });

        Assert.Equal(valid, create.IsValid);
        Assert.Equal(valid, update.IsValid);
    }

    [Fact]
    public async Task The_year_rule_reads_the_clock_at_each_validation_not_when_the_validator_is_built()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2040, 12, 31, 23, 59, 0, TimeSpan.Zero));
        var validator = new CreateProductInputValidator(time);
        Assert.False((await validator.ValidateAsync(Product(2043))).IsValid);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True((await validator.ValidateAsync(Product(2043))).IsValid);
    }

    private static CreateProductInput Product(int year) => new()
    {
        Slug = "autoart-pagani-zonda-r-1-18",
        Name = "Pagani Zonda R",
        Brand = "AUTOart",
        Make = "Pagani",
        Model = "Zonda R",
        Year = year,
        Scale = "1:18",
        Genre = Genre.Supercar,
        Status = CollectionStatus.Available,
        Description = "A model.",
        Price = 1999.99m,
        StockQuantity = 3,
        Images = ["https://cdn.diecast.in/a.jpg"],
    };
}
