using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Sorting;

namespace Diecast.Api.Catalog;

/// <summary>
/// The products field's <c>search:</c> argument: PostgreSQL full-text search (websearch_to_tsquery over the
/// generated search vector, GIN-indexed), ranked with ts_rank when the client gives no order.
/// </summary>
public static class ProductSearch
{
    public const int MaxSearchLength = 200;

    /// <summary>
    /// A search ranks every match before the first page is known (41,665 matches in the catalog benchmark: 420 ms
    /// p50), so it weighs at least what a count does (<see cref="ConnectionCost.TotalCountImpact"/>).
    /// </summary>
    public const double ComplexityImpact = ConnectionCost.TotalCountImpact;

    /// <summary>The argument's name on the products field.</summary>
    public const string Argument = "search";

    /// <summary>Narrows <paramref name="products"/> to the matches of <paramref name="search"/>; no search (null or blank) leaves them as they are.</summary>
    /// <exception cref="QueryArgumentError"><c>SEARCH_TOO_LONG</c> past <see cref="MaxSearchLength"/> characters.</exception>
    public static QueryRefinement<Product> Apply(string? search, IQueryable<Product> products)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return new(products);
        }

        if (term.Length > MaxSearchLength)
        {
            throw new QueryArgumentError("SEARCH_TOO_LONG", $"A search may be at most {MaxSearchLength} characters long.");
        }

        Expression<Func<Product, float>> rank = p => p.SearchVector.Rank(EF.Functions.WebSearchToTsQuery(ProductConfiguration.SearchConfiguration, term));
        // The rank belongs to this search: a cursor from another search must not open here.
        var rankName = "rank:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(term)))[..12];
        return new(
            products.Where(p => p.SearchVector.Matches(EF.Functions.WebSearchToTsQuery(ProductConfiguration.SearchConfiguration, term))),
            [new SortKey(rankName, rank, SortDirection.Descending)]);
    }
}
