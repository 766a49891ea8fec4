namespace Diecast.Storefront.Pages.Checkout;

/// <summary>One text field of the checkout form as <c>_Field</c> renders it: label, value kept, hint, the message beside it.</summary>
public sealed record CheckoutField(
    string Name,
    string Id,
    string Label,
    string? Value,
    string? Error,
    string Autocomplete,
    string Type = "text",
    string? InputMode = null,
    string? Hint = null,
    int MaxLength = 200,
    bool Required = true);
