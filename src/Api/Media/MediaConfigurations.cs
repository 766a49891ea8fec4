using Diecast.Api.Catalog;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diecast.Api.Media;

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> builder)
    {
        builder.ToTable("media_files", table => table.HasCheckConstraint(
            "ck_media_files_image_size", "kind <> 'Image' OR (width > 0 AND height > 0)"));
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(f => f.Format).HasMaxLength(10);
        builder.Property(f => f.ContentType).HasMaxLength(40);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.StorageKey).HasMaxLength(200);
        builder.Property(f => f.CreatedAt).HasDefaultValueSql("now()");
        // Content addressing: the same stored bytes are one file, however often they are uploaded.
        builder.HasIndex(f => f.Sha256).IsUnique();
        // The cleanup job's scan: only orphans are indexed.
        builder.HasIndex(f => f.OrphanedAt).HasFilter("orphaned_at IS NOT NULL");
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> builder)
    {
        builder.ToTable("product_images", table => table.HasCheckConstraint("ck_product_images_position", "position >= 0"));
        builder.Property(i => i.Alt).HasMaxLength(MediaOptions.MaxAltLengthLimit);
        builder.Property(i => i.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        // A file in use is never deleted: the cleanup job deletes orphans only, and the key says so too.
        builder.HasOne(i => i.MediaFile).WithMany().HasForeignKey(i => i.MediaFileId).OnDelete(DeleteBehavior.Restrict);
        // (product_id, position) is unique through a DEFERRABLE INITIALLY DEFERRED constraint the ProductMedia migration adds
        // in SQL (EF Core cannot declare one): a reorder's row-by-row updates are checked at commit, not per row. Its
        // index serves the product's gallery too, so the model declares none.
        builder.HasIndex(i => i.MediaFileId);
    }
}

internal sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> builder)
    {
        builder.ToTable("media_variants");
        // The key decides which of two concurrent encoders stores the variant.
        builder.HasKey(v => new { v.MediaFileId, v.Width, v.Quality, v.Format });
        builder.Property(v => v.Format).HasMaxLength(10);
        builder.Property(v => v.StorageKey).HasMaxLength(200);
        builder.Property(v => v.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<MediaFile>().WithMany().HasForeignKey(v => v.MediaFileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MediaBlobRowConfiguration : IEntityTypeConfiguration<MediaBlobRow>
{
    public void Configure(EntityTypeBuilder<MediaBlobRow> builder)
    {
        builder.ToTable("media_blobs");
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(200);
        builder.Property(b => b.ContentType).HasMaxLength(40);
        builder.Property(b => b.CreatedAt).HasDefaultValueSql("now()");
    }
}

/// <summary>The product's uploaded video: a key from products to media_files, declared here so Catalog knows nothing of Media.</summary>
internal sealed class MediaDataModel : IDataModelConfiguration
{
    public void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Product>().HasOne<MediaFile>().WithMany().HasForeignKey(p => p.VideoMediaFileId).OnDelete(DeleteBehavior.Restrict);
}
