using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    /// <summary>The text search configuration the search vector and queries use.</summary>
    public const string SearchConfiguration = "english";

    /// <summary>The predicate of the catalog's partial indexes: what the archived-products query filter adds.</summary>
    private const string OnSale = "archived_at IS NULL";

    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", table =>
        {
            table.HasCheckConstraint("ck_products_price_positive", "price > 0");
            table.HasCheckConstraint("ck_products_stock_not_negative", "stock_quantity >= 0");
        });

        builder.Property(p => p.Slug).HasMaxLength(120);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Brand).HasMaxLength(80);
        builder.Property(p => p.Make).HasMaxLength(80);
        builder.Property(p => p.Model).HasMaxLength(120);
        builder.Property(p => p.Scale).HasMaxLength(10);
        builder.Property(p => p.Description).HasMaxLength(8000);
        builder.Property(p => p.Price).HasPrecision(12, 2);
        builder.Property(p => p.VideoUrl).HasMaxLength(500);
        builder.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(p => p.UpdatedAt).HasDefaultValueSql("now()");
        builder.Property(p => p.Version).IsRowVersion();
        // Archived products leave the catalog everywhere; order lines reach them with IgnoreQueryFilters.
        builder.HasQueryFilter(p => p.ArchivedAt == null);

        builder.HasIndex(p => p.Slug).IsUnique();
        // Keyset paging and the storefront's sorts: each sort key with the id as tiebreaker.
        // They cover the catalog only (every public query says archived_at IS NULL), so counts stay index-only scans.
        builder.HasIndex(p => new { p.Price, p.Id }).HasFilter(OnSale);
        builder.HasIndex(p => new { p.Name, p.Id }).HasFilter(OnSale);
        builder.HasIndex(p => new { p.CreatedAt, p.Id }).HasFilter(OnSale);
        builder.HasIndex(p => new { p.Brand, p.Id }).HasFilter(OnSale);
        builder.HasIndex(p => new { p.Genre, p.Id }).HasFilter(OnSale);
        builder.HasIndex(p => new { p.Scale, p.Id }).HasFilter(OnSale);
        builder.HasIndex(p => p.Id).HasFilter("is_featured AND " + OnSale).HasDatabaseName("ix_products_featured");

        // Case-insensitive contains/startsWith/endsWith (ILIKE) stay fast on a large catalog with trigram indexes.
        builder.HasIndex(p => p.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_products_name_trgm");
        builder.HasIndex(p => p.Brand).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_products_brand_trgm");

        // Full-text search: a generated tsvector with a GIN index, ranked with ts_rank.
        builder.HasGeneratedTsVectorColumn(p => p.SearchVector, SearchConfiguration, p => new { p.Name, p.Brand, p.Make, p.Model, p.Description })
            .HasIndex(p => p.SearchVector)
            .HasMethod("gin");
    }
}
