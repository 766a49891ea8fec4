using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diecast.Storefront.Cart;

public static class CartRegistration
{
    /// <summary>The add-to-cart endpoint product pages and listing cards post to (no antiforgery token: see <see cref="SameOriginPosts"/>).</summary>
    public const string AddPath = "/cart/add";

    /// <summary>The cart page.</summary>
    public const string CartPath = "/cart";

    /// <summary>The cart page's parameter saying the checkout could not place the order (stock ran short since its quote).</summary>
    public const string NotPlacedParameter = "notPlaced";

    /// <summary>The TempData entry with notices (one per line) the checkout leaves for the cart page when it emptied the cart.</summary>
    public const string NoticesTempDataKey = "CartNotices";

    /// <summary>The query that sends a shopper whose order was refused for stock back to the cart, with the reason.</summary>
    public const string NotPlacedQuery = NotPlacedParameter + "=1";

    /// <summary>The cart cookie, its Data Protection key ring (shared by instances through a folder) and its settings.</summary>
    public static WebApplicationBuilder AddCart(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CartOptions>().BindConfiguration(CartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        StorefrontKeyRing.Configure(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CartCookie>();
        builder.Services.AddSingleton<CartSession>();
        // The cart's origin check, on every page's POSTs (checkout, find your order), not the cart's alone.
        SameOriginPostsFilter.AddToEveryPage(builder.Services);
        return builder;
    }

    /// <summary>
    /// <c>POST /cart/add</c> (form: <c>productId</c>, <c>quantity</c>, optional <c>price</c> hint): adds to the cart and
    /// redirects to the cart page (303, Post/Redirect/Get). A cross-site POST is 403 and a malformed one 400; neither
    /// changes anything.
    /// </summary>
    public static WebApplication MapCart(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(AddPath, AddAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> AddAsync(HttpContext context, CartSession session)
    {
        if (!SameOriginPosts.IsAllowed(context.Request))
        {
            return Refused();
        }

        if (!context.Request.HasFormContentType)
        {
            return BadRequest("Send the add-to-cart form.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var productId = form["productId"].ToString();
        if (!CartCookie.IsProductId(productId))
        {
            return BadRequest("That product could not be added to your cart.");
        }

        var quantityText = form["quantity"].ToString();
        if (!int.TryParse(quantityText.Length == 0 ? "1" : quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
        {
            return BadRequest("Choose a quantity of 1 or more.");
        }

        // The price the page showed: a hint for the "price changed" notice, never used for money; a bad one is dropped.
        decimal? price = decimal.TryParse(form["price"].ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var shown) && shown > 0 ? shown : null;
        var cart = session.Read(context);
        if (cart.Add(productId, Math.Min(quantity, session.MaxQuantityPerLine), price, session.MaxQuantityPerLine) is not { } added)
        {
            return new SeeOther($"{CartPath}?full=1");
        }

        return session.Write(context, added)
            ? new SeeOther($"{CartPath}?added={Uri.EscapeDataString(productId)}")
            : BadRequest("That product could not be added to your cart.");
    }

    private static IResult BadRequest(string message) => Results.Content(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static IResult Refused() =>
        Results.Content("This cart can only be changed from the shop's own pages.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
}
