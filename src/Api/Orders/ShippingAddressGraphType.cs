using Diecast.Api.Security;

namespace Diecast.Api.Orders;

public sealed class ShippingAddressGraphType : ObjectGraphType<ShippingAddress>
{
    public ShippingAddressGraphType()
    {
        Name = "ShippingAddress";
        this.RequireAdmin();
        Description = "Where an order is delivered.";
        Field(a => a.Line1).Description("First address line.");
        Field(a => a.Line2, nullable: true).Description("Second address line.");
        Field(a => a.City).Description("City or town.");
        Field(a => a.State).Description("State or union territory.");
        Field(a => a.PostalCode).Description("Six-digit PIN code.");
        Field(a => a.Country).Description("ISO 3166-1 alpha-2 country code.");
    }
}
