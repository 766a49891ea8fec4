using Diecast.Api.Catalog;
using Diecast.Api.Journal;
using Diecast.Api.Orders;
using Diecast.GraphQL.Server;

namespace Diecast.Api.Tests.GraphQL;

/// <summary>User-facing messages speak the schema's language: its field names and enum values, in one voice.</summary>
public sealed class InputMessagesTests
{
    [Fact]
    public async Task Built_in_validation_messages_name_the_field_as_the_schema_does_and_read_like_ours()
    {
        var input = Product(name: new string('n', 201), description: "", stockQuantity: -5);

        var messages = (await new CreateProductInputValidator().ValidateAsync(input)).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Equal(
            ["name must be at most 200 characters long.", "description must not be empty.", "stockQuantity must be between 0 and 1000000."],
            messages);
    }

    [Fact]
    public async Task Messages_for_list_items_name_the_list_and_the_item()
    {
        var input = Product(images: ["https://cdn.diecast.in/a.jpg", "http://cdn.diecast.in/b.jpg"]);

        var failure = Assert.Single((await new CreateProductInputValidator().ValidateAsync(input)).Errors);

        Assert.Equal("Images[1]", failure.PropertyName);
        Assert.Equal("images[1] must be an absolute https URL.", failure.ErrorMessage);
    }

    [Fact]
    public async Task Every_message_of_every_validator_starts_with_the_schemas_name_for_its_field()
    {
        var product = new UpdateProductInput { Id = "x", Version = 1, Slug = "Bad Slug", Name = " padded", Year = 1700, Scale = "18", Price = -1m, Images = [], VideoUrl = "ftp://x" };
        var journal = new CreateJournalEntryInput { Slug = "-", Title = "", Excerpt = "x ", Body = "", Tags = ["A", "A"], Author = "" };
        var stock = new AdjustStockInput { ProductId = "x", Delta = 0, Reason = "" };

        var failures = (await new UpdateProductInputValidator().ValidateAsync(product)).Errors
            .Concat((await new CreateJournalEntryInputValidator().ValidateAsync(journal)).Errors)
            .Concat((await new AdjustStockInputValidator().ValidateAsync(stock)).Errors)
            .ToList();

        Assert.True(failures.Count >= 14, string.Join("\n", failures.Select(f => f.ErrorMessage)));
        Assert.All(failures, failure =>
        {
            var field = SchemaNames.InputField(failure.PropertyName);
            Assert.StartsWith(field + " must ", failure.ErrorMessage, StringComparison.Ordinal);
            Assert.EndsWith(".", failure.ErrorMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("'", failure.ErrorMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("You entered", failure.ErrorMessage, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment, "PENDING_PAYMENT")]
    [InlineData(OrderStatus.Paid, "PAID")]
    [InlineData(OrderStatus.Refunded, "REFUNDED")]
    public void Enum_values_are_named_as_the_schema_spells_them(OrderStatus status, string name) =>
        Assert.Equal(name, SchemaNames.EnumValue(status));

    private static CreateProductInput Product(string name = "Pagani Zonda R", string description = "A model.", int stockQuantity = 3, List<string>? images = null) => new()
    {
        Slug = "autoart-pagani-zonda-r-1-18",
        Name = name,
        Brand = "AUTOart",
        Make = "Pagani",
        Model = "Zonda R",
        Year = 2009,
        Scale = "1:18",
        Genre = Genre.Supercar,
        Status = CollectionStatus.Available,
        Description = description,
        Price = 1999.99m,
        StockQuantity = stockQuantity,
        Images = images ?? ["https://cdn.diecast.in/a.jpg"],
    };
}
