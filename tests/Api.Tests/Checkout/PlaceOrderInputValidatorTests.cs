using Diecast.Api.Checkout;
using Diecast.GraphQL.Server.Mutations;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Tests.Checkout;

/// <summary>Each kind of fault in a placeOrder input, with its neighbours, and the path and message it is reported with.</summary>
public sealed class PlaceOrderInputValidatorTests
{
    private static readonly PlaceOrderInputValidator Validator = new(Options.Create(new CheckoutOptions { MaxQuantityPerLine = 5 }));

    [Fact]
    public async Task A_complete_cart_is_valid()
    {
        var result = await Validator.ValidateAsync(Valid());
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task An_empty_cart_is_an_error_on_items() =>
        await AssertOnlyAsync(Valid() with { Items = [] }, "input.items", "items must hold at least one line: the cart is empty.");

    [Fact]
    public async Task More_lines_than_the_maximum_is_an_error_on_items()
    {
        var lines = Enumerable.Range(1, PlaceOrderInputValidator.MaxLines + 1).Select(n => Line("P" + n, 1)).ToList();
        await AssertOnlyAsync(Valid() with { Items = lines }, "input.items", $"items must hold at most {PlaceOrderInputValidator.MaxLines} lines.");
        Assert.True((await Validator.ValidateAsync(Valid() with { Items = lines[..PlaceOrderInputValidator.MaxLines] })).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(6)]
    [InlineData(int.MaxValue)]
    public async Task A_quantity_outside_1_to_the_maximum_is_an_error_on_that_lines_quantity(int quantity) =>
        await AssertOnlyAsync(
            Valid() with { Items = [Line("A", 1), Line("B", 2), Line("C", quantity)] },
            "input.items.2.quantity",
            "items[2].quantity must be between 1 and 5.");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Quantities_from_1_to_the_maximum_are_fine(int quantity) =>
        Assert.True((await Validator.ValidateAsync(Valid() with { Items = [Line("A", quantity)] })).IsValid);

    [Fact]
    public async Task The_same_product_twice_is_refused_on_the_later_line_naming_the_first()
    {
        var result = await Validator.ValidateAsync(Valid() with { Items = [Line("A", 1), Line("B", 1), Line("A", 2), Line("A", 1)] });
        var errors = Errors(result);
        Assert.Equal(["input.items.2.productId", "input.items.3.productId"], errors.Select(e => e.Path));
        Assert.Equal("items[2].productId repeats the product of items[0]: send each product once, with the quantity wanted.", errors[0].Message);
    }

    [Fact]
    public async Task An_empty_product_id_is_an_error_on_it() =>
        await AssertOnlyAsync(Valid() with { Items = [Line("", 1)] }, "input.items.0.productId", "items[0].productId must not be empty.");

    [Theory]
    [InlineData("")]
    [InlineData(" Asha Rao")]
    [InlineData("Asha Rao ")]
    [InlineData("Asha Rao\n")]
    public async Task A_missing_or_padded_name_is_an_error_on_customer_name(string name) =>
        await AssertPathAsync(Valid() with { Customer = Customer() with { Name = name } }, "input.customer.name");

    [Fact]
    public async Task A_name_over_120_characters_is_an_error() =>
        await AssertOnlyAsync(Valid() with { Customer = Customer() with { Name = new string('a', 121) } }, "input.customer.name", "name must be at most 120 characters long.");

    [Theory]
    [InlineData("asha")]
    [InlineData("asha@")]
    [InlineData("@example.com")]
    [InlineData("asha@example")]
    [InlineData("asha@@example.com")]
    [InlineData("asha rao@example.com")]
    [InlineData("asha@exa mple.com")]
    [InlineData("asha@-example.com")]
    [InlineData("asha@example..com")]
    public async Task An_address_that_cannot_be_mailed_is_an_error_on_customer_email(string email) =>
        await AssertOnlyAsync(Valid() with { Customer = Customer() with { Email = email } }, "input.customer.email", "email must be an email address, e.g. asha@example.com.");

    [Theory]
    [InlineData("asha@example.com")]
    [InlineData("Asha.Rao+orders@mail.example.co.in")]
    [InlineData("a@b.in")]
    public async Task Ordinary_addresses_are_fine(string email) =>
        Assert.True((await Validator.ValidateAsync(Valid() with { Customer = Customer() with { Email = email } })).IsValid);

    [Theory]
    [InlineData("987654321")]
    [InlineData("98765432101")]
    [InlineData("5876543210")]
    [InlineData("+929876543210")]
    [InlineData("98765abcde")]
    [InlineData("９８７６５４３２１０")]
    [InlineData("")]
    public async Task A_phone_that_is_not_an_Indian_mobile_is_an_error_on_customer_phone(string phone) =>
        await AssertOnlyAsync(
            Valid() with { Customer = Customer() with { Phone = phone } },
            "input.customer.phone",
            "phone must be an Indian mobile number: 10 digits starting with 6, 7, 8 or 9, optionally after +91, 91 or 0.");

    [Theory]
    [InlineData("040001")]
    [InlineData("40001")]
    [InlineData("4000011")]
    [InlineData("40000a")]
    [InlineData("４００００１")]
    [InlineData("")]
    public async Task A_postal_code_that_is_not_a_PIN_is_an_error_on_shippingAddress_postalCode(string pin) =>
        await AssertOnlyAsync(
            Valid() with { ShippingAddress = Address() with { PostalCode = pin } },
            "input.shippingAddress.postalCode",
            "postalCode must be a six-digit PIN code that does not start with 0, e.g. 400001.");

    [Fact]
    public async Task Address_lines_and_city_must_be_given_and_not_padded()
    {
        var result = await Validator.ValidateAsync(Valid() with { ShippingAddress = Address() with { Line1 = "", Line2 = " flat 2", City = new string('c', 101) } });
        Assert.Equal(["input.shippingAddress.line1", "input.shippingAddress.line2", "input.shippingAddress.city"], Errors(result).Select(e => e.Path).Distinct());
        Assert.True((await Validator.ValidateAsync(Valid() with { ShippingAddress = Address() with { Line2 = null } })).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short-key-15chrs")] // 16: fine, see below
    [InlineData("fifteen-chars-k")]
    [InlineData("with space in the key")]
    [InlineData("unicode-ключ-0123456789")]
    [InlineData("dots.are.not.allowed.here")]
    [InlineData("0123456789abcdef\n")]
    public async Task An_idempotency_key_must_be_16_to_100_of_letters_digits_dash_underscore(string key)
    {
        var result = await Validator.ValidateAsync(Valid() with { IdempotencyKey = key });
        Assert.Equal(key.Length == 16 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), result.IsValid);
        if (!result.IsValid)
        {
            Assert.Equal("input.idempotencyKey", Assert.Single(Errors(result)).Path);
        }
    }

    [Fact]
    public async Task A_UUID_and_a_100_character_key_fit_and_101_does_not()
    {
        Assert.True((await Validator.ValidateAsync(Valid() with { IdempotencyKey = Guid.NewGuid().ToString() })).IsValid);
        Assert.True((await Validator.ValidateAsync(Valid() with { IdempotencyKey = new string('k', 100) })).IsValid);
        Assert.False((await Validator.ValidateAsync(Valid() with { IdempotencyKey = new string('k', 101) })).IsValid);
    }

    [Fact]
    public async Task Every_fault_is_reported_at_once()
    {
        var input = new PlaceOrderInputRecord([], Customer() with { Phone = "1" }, Address() with { PostalCode = "0" }, "k");
        Assert.Equal(["input.items", "input.customer.phone", "input.shippingAddress.postalCode", "input.idempotencyKey"], Errors(await Validator.ValidateAsync(input)).Select(e => e.Path));
    }

    private static async Task AssertOnlyAsync(PlaceOrderInputRecord input, string path, string message)
    {
        var error = Assert.Single(Errors(await Validator.ValidateAsync(input)));
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    private static async Task AssertPathAsync(PlaceOrderInputRecord input, string path) =>
        Assert.All(Errors(await Validator.ValidateAsync(input)), error => Assert.Equal(path, error.Path));

    /// <summary>The errors as the payload reports them: the path joined with dots, and the message.</summary>
    private static List<(string Path, string Message)> Errors(FluentValidation.Results.ValidationResult result)
    {
        var errors = MutationResult.Invalid(result).Errors.Cast<ValidationError>().Select(e => (string.Join('.', e.Path), e.Message)).ToList();
        Assert.NotEmpty(errors);
        return errors;
    }

    private static PlaceOrderInputRecord Valid() => new([Line("UHJvZHVjdDox", 1), Line("UHJvZHVjdDoy", 5)], Customer(), Address(), "3f2c1b0a-9e8d-4c7b-a6f5-0123456789ab");

    private static PlaceOrderItemInput Line(string productId, int quantity) => new() { ProductId = productId, Quantity = quantity };

    private static CustomerRecord Customer() => new("Asha Rao", "asha@example.com", "+91 98765 43210");

    private static AddressRecord Address() => new("12 Marine Drive", "Flat 4", "Mumbai", IndianState.Maharashtra, "400 002");

    // Records so each test changes one thing with `with`; converted to the input classes the validator takes.
    private sealed record PlaceOrderInputRecord(List<PlaceOrderItemInput> Items, CustomerRecord Customer, AddressRecord ShippingAddress, string IdempotencyKey)
    {
        public static implicit operator PlaceOrderInput(PlaceOrderInputRecord r) => new()
        {
            Items = r.Items,
            Customer = new CustomerInput { Name = r.Customer.Name, Email = r.Customer.Email, Phone = r.Customer.Phone },
            ShippingAddress = new ShippingAddressInput { Line1 = r.ShippingAddress.Line1, Line2 = r.ShippingAddress.Line2, City = r.ShippingAddress.City, State = r.ShippingAddress.State, PostalCode = r.ShippingAddress.PostalCode },
            IdempotencyKey = r.IdempotencyKey,
        };
    }

    private sealed record CustomerRecord(string Name, string Email, string Phone);

    private sealed record AddressRecord(string Line1, string? Line2, string City, IndianState State, string PostalCode);
}
