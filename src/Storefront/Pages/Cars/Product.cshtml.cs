using System.Text.RegularExpressions;
using Diecast.Storefront.Components;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Cars;

/// <summary>
/// One model: gallery, price, availability, the real car, description, related cars, and the place issue 15's
/// "add to cart" goes (#purchase). An unknown or archived slug is the 404 page; an API failure the 503 page.
/// </summary>
public sealed partial class ProductModel(IDiecastClient client, SiteUrls urls, ILogger<ProductModel> logger) : PageModel
{
    /// <summary>Slugs are lower-case words joined by hyphens; anything else cannot be a product and is not sent to the API.</summary>
    private const int MaxSlugLength = 200;

    public IProductPage_ProductBySlug Product { get; private set; } = null!;

    public IReadOnlyList<ICarCard> Related { get; private set; } = [];

    public Breadcrumbs Crumbs { get; private set; } = null!;

    public Availability Availability { get; private set; } = null!;

    public GenreLink? Genre { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (slug.Length <= MaxSlugLength && SlugCase.LowerCaseOf(slug, SlugPattern()) is { } lower)
        {
            return RedirectPermanent(ProductUrl.For(lower) + Request.QueryString);
        }

        if (slug.Length > MaxSlugLength || !SlugPattern().IsMatch(slug))
        {
            return NotFound();
        }

        var result = await client.ProductPage.ExecuteAsync(slug, cancellationToken);
        // A null product beside errors means the API could not look (its database is down, say), not that there is no
        // such product: a 503 to try again, never a 404 that tells search engines the product is gone.
        if (result.Data?.ProductBySlug is not { } product)
        {
            if (result.Data is not null && result.Errors.Count == 0)
            {
                return NotFound();
            }

            logger.LogWarning("Product {Slug} could not be loaded: {Errors}", slug, string.Join("; ", result.Errors.Select(e => e.Message)));
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Product = product;
        Availability = Availability.Of(product);
        Genre = Genres.ByApiValue(ApiValue(product.Genre));
        Crumbs = Genre is { } genre
            ? Breadcrumbs.Of(new Crumb("Cars", "/cars"), new Crumb(genre.Label, genre.CatalogHref), new Crumb(product.Name, ProductUrl.For(product.Slug)))
            : Breadcrumbs.Of(new Crumb("Cars", "/cars"), new Crumb(product.Name, ProductUrl.For(product.Slug)));

        Related = product.Related;

        var canonical = urls.Absolute(Request, ProductUrl.For(product.Slug));
        var pictures = product.Gallery.Select(g => urls.Absolute(Request, g.Large)).ToList();
        ViewData.SetPageMeta(new PageMeta
        {
            Title = $"{product.Name} by {product.Brand}",
            Description = Describe(product),
            CanonicalPath = ProductUrl.For(product.Slug),
            OgType = "product",
            OgImage = pictures.FirstOrDefault(),
            JsonLd =
            [
                JsonLd.Product(product.Name, canonical, product.Brand, product.Description, pictures, product.Price, Availability.SchemaOrg),
                Crumbs.ToJsonLd(urls, Request),
            ],
        });
        return Page();
    }

    /// <summary>The description's paragraphs (plain text, blank-line separated).</summary>
    public IEnumerable<string> Paragraphs =>
        Product.Description.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The meta description: the facts a search result should show, then as much description as fits.</summary>
    private static string Describe(IProductPage_ProductBySlug product)
    {
        var text = $"{product.Brand} {product.Scale} diecast model of the {product.Year} {product.Make} {product.Model}, {Money.Format(product.Price)}. {product.Description}";
        return text.Length <= 160 ? text : text[..157].TrimEnd() + "…";
    }

    private static string ApiValue(Genre genre) => genre switch
    {
        Diecast.Storefront.Genre.OffRoad => "OFF_ROAD",
        Diecast.Storefront.Genre.MovieTv => "MOVIE_TV",
        _ => genre.ToString().ToUpperInvariant(),
    };

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
