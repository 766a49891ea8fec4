using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Checkout;

/// <summary>
/// Everything about a placeOrder input that needs no database: the cart's shape, the customer, the address, the key.
/// Products, their status and stock are checked by placeOrder itself against the catalog.
/// </summary>
public sealed partial class PlaceOrderInputValidator : InputValidator<PlaceOrderInput>
{
    /// <summary>The most lines one order may have; a cart beyond it is a client gone wrong, not a shopper.</summary>
    public const int MaxLines = 50;

    public PlaceOrderInputValidator(IOptions<CheckoutOptions> options)
    {
        var maxQuantity = options.Value.MaxQuantityPerLine;
        RuleFor(i => i.Items)
            .NotEmpty().WithMessage("items must hold at least one line: the cart is empty.")
            .Must(items => items.Count <= MaxLines).WithMessage($"items must hold at most {MaxLines} lines.")
            // The same product on two lines is refused, not merged: merging could pass a quantity over the per-line
            // maximum that neither line asked for, and a client that sends it has a cart bug worth seeing.
            .Custom((items, context) =>
            {
                var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var line = 0; line < items.Count; line++)
                {
                    if (items[line].ProductId.Length > 0 && !firstLine.TryAdd(items[line].ProductId, line))
                    {
                        context.AddFailure(Line(
                            line,
                            nameof(PlaceOrderItemInput.ProductId),
                            $"items[{line}].productId repeats the product of items[{firstLine[items[line].ProductId]}]: send each product once, with the quantity wanted."));
                    }
                }
            });
        // A line's messages name the line, "items[2].quantity must …", as the path ["input", "items", "2", "quantity"] does.
        RuleFor(i => i.Items).Custom((items, context) =>
        {
            for (var line = 0; line < items.Count; line++)
            {
                if (items[line].ProductId.Length == 0)
                {
                    context.AddFailure(Line(line, nameof(PlaceOrderItemInput.ProductId), $"items[{line}].productId must not be empty."));
                }

                if (items[line].Quantity < 1 || items[line].Quantity > maxQuantity)
                {
                    context.AddFailure(Line(line, nameof(PlaceOrderItemInput.Quantity), $"items[{line}].quantity must be between 1 and {maxQuantity}."));
                }
            }
        });

        RuleFor(i => i.Customer.Name).Text(120);
        RuleFor(i => i.Customer.Email).Text(254)
            .Must(email => Email().IsMatch(email)).WithMessage("email must be an email address, e.g. asha@example.com.");
        RuleFor(i => i.Customer.Phone)
            .Must(phone => IndianPhone.TryNormalize(phone, out _))
            .WithMessage("phone must be an Indian mobile number: 10 digits starting with 6, 7, 8 or 9, optionally after +91, 91 or 0.");

        RuleFor(i => i.ShippingAddress.Line1).Text(200);
        RuleFor(i => i.ShippingAddress.Line2!).Text(200).When(i => i.ShippingAddress.Line2 is not null);
        RuleFor(i => i.ShippingAddress.City).Text(100);
        RuleFor(i => i.ShippingAddress.State).IsInEnum();
        RuleFor(i => i.ShippingAddress.PostalCode)
            .Must(pin => PinCode.TryNormalize(pin, out _))
            .WithMessage("postalCode must be a six-digit PIN code that does not start with 0, e.g. 400001.");

        RuleFor(i => i.IdempotencyKey)
            .Must(key => IdempotencyKey().IsMatch(key))
            .WithMessage("idempotencyKey must be 16 to 100 letters, digits, '-' or '_' (a UUID fits).");
    }

    private static ValidationFailure Line(int line, string property, string message) =>
        new($"{nameof(PlaceOrderInput.Items)}[{line}].{property}", message);

    // One @, no spaces, a dotted domain of ASCII letters, digits and hyphens: what a shop can mail.
    [GeneratedRegex(@"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{16,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdempotencyKey();
}
