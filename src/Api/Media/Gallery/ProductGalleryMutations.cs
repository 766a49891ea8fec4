using Diecast.Api.Catalog;
using Diecast.Api.Security;
using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.Media.Gallery;

/// <summary>
/// The admins' mutations on a product's pictures and video. Each one changes the product under its row lock
/// (<c>SELECT … FOR UPDATE</c>), so two admins editing one gallery at once are applied one after the other: the image
/// cap and the positions hold, and a reorder never interleaves with an upload. Each one also moves the product's
/// <c>updatedAt</c> and <c>version</c>, so caches and stale screens see the change. An archived product is not found,
/// as for updateProduct: its gallery left the catalog with it.
/// </summary>
public static class ProductGalleryMutations
{
    private const string ProductName = "product";
    private const string ImageName = "product image";

    public static void AddProductGalleryMutations(this ObjectGraphType mutation)
    {
        mutation.AdminMutation<UploadProductImageInputGraphType, ProductImageGraphType>("uploadProductImage")
            .Description("Adds a picture to a product, after its others. The file's format is decided from its bytes (JPEG, PNG, WebP, AVIF); it is checked, oriented and stripped of EXIF/GPS metadata before it is stored. Send it as a multipart request (GraphQL multipart request spec).")
            .PayloadField("image", value => ((ImageChange)value).Image)
            .PayloadField<ProductGraphType>("product", "The product, with its new version and updatedAt.", value => ((ImageChange)value).Product)
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<TooManyImagesErrorGraphType>()
            .Error<MediaRejectedErrorGraphType>()
            .Resolve<UploadProductImageInput, DiecastDbContext, MediaIntake, MediaOrphans, GalleryRules>(UploadImageAsync);

        mutation.AdminMutation<ReplaceProductImageInputGraphType, ProductImageGraphType>("replaceProductImage")
            .Description("Replaces a picture's file, keeping its place (and its alt text unless a new one is given). The old file's URLs keep serving until the media cleanup's grace period ends, so cached pages do not break.")
            .PayloadField("image", value => ((ImageChange)value).Image)
            .PayloadField<ProductGraphType>("product", "The product, with its new version and updatedAt.", value => ((ImageChange)value).Product)
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<MediaRejectedErrorGraphType>()
            .Resolve<ReplaceProductImageInput, DiecastDbContext, MediaIntake, MediaOrphans, GalleryRules>(ReplaceImageAsync);

        mutation.AdminMutation<UpdateProductImageInputGraphType, ProductImageGraphType>("updateProductImage")
            .Description("Changes a picture's alt text.")
            .PayloadField("image", value => ((ImageChange)value).Image)
            .PayloadField<ProductGraphType>("product", "The product, with its new version and updatedAt.", value => ((ImageChange)value).Product)
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<UpdateProductImageInput, DiecastDbContext, MediaOrphans, GalleryRules>(UpdateImageAsync);

        mutation.AdminMutation<ReorderProductImagesInputGraphType, ProductGraphType>("reorderProductImages")
            .Description("Puts a product's pictures in a new order, main picture first. imageIds must be exactly the product's pictures, each once.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<ReorderProductImagesInput, DiecastDbContext, MediaOrphans>(ReorderImagesAsync);

        mutation.AdminMutation<RemoveProductImageInputGraphType, ProductGraphType>("removeProductImage")
            .Description("Takes a picture out of its product's gallery; the pictures after it move up. Its file's URLs keep serving until the media cleanup's grace period ends.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<RemoveProductImageInput, DiecastDbContext, MediaOrphans>(RemoveImageAsync);

        mutation.AdminMutation<UploadProductVideoInputGraphType, ProductGraphType>("uploadProductVideo")
            .Description("Sets a product's video to an uploaded MP4 or WebM (decided from its container signature); videoUrl then points at it. A video uploaded before is replaced; its URL keeps serving until the media cleanup's grace period ends.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<MediaRejectedErrorGraphType>()
            .Resolve<UploadProductVideoInput, DiecastDbContext, MediaIntake, MediaOrphans>(UploadVideoAsync);

        mutation.AdminMutation<RemoveProductVideoInputGraphType, ProductGraphType>("removeProductVideo")
            .Description("Removes a product's uploaded video; videoUrl falls back to the external URL, if one was given (updateProduct with videoUrl: null removes that). Removing when there is none changes nothing.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<RemoveProductVideoInput, DiecastDbContext, MediaOrphans>(RemoveVideoAsync);
    }

    private static async Task<MutationResult> UploadImageAsync(
        UploadProductImageInput input, DiecastDbContext db, MediaIntake intake, MediaOrphans orphans, GalleryRules rules, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ProductId, ProductGraphType.TypeName, out var productId))
        {
            return MutationResult.NotAnId(ProductName, "productId");
        }

        var (alt, altError) = rules.CheckAlt(input.Alt);
        if (altError is not null)
        {
            return MutationResult.Failure(altError);
        }

        // The cheap refusals come before the file is decoded and stored; the cap is checked again under the lock.
        var max = rules.MaxImagesPerProduct;
        if (!await db.Products.AnyAsync(p => p.Id == productId, cancellationToken))
        {
            return MutationResult.NotFound(ProductName, input.ProductId);
        }

        if (await CountImagesAsync(db, productId, cancellationToken) >= max)
        {
            return MutationResult.Failure(TooMany(max));
        }

        var (file, rejected) = await IngestAsync(() => intake.IngestImageAsync(input.File, cancellationToken));
        if (file is null)
        {
            return MutationResult.Failure(rejected!);
        }

        return await ChangeGalleryAsync(db, orphans, productId, input.ProductId, uploaded: file.Id, async product =>
        {
            var count = await CountImagesAsync(db, productId, cancellationToken);
            if (count >= max)
            {
                return GalleryChange.Refused(TooMany(max));
            }

            var image = new ProductImage { ProductId = productId, MediaFileId = file.Id, Position = count, Alt = alt! };
            db.Add(image);
            return GalleryChange.Done(() => new ImageChange(WithFile(image, file), product));
        }, cancellationToken);
    }

    private static async Task<MutationResult> ReplaceImageAsync(
        ReplaceProductImageInput input, DiecastDbContext db, MediaIntake intake, MediaOrphans orphans, GalleryRules rules, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ImageId, ProductImageGraphType.TypeName, out var imageId))
        {
            return MutationResult.NotAnId(ImageName, "imageId");
        }

        string? alt = null;
        if (input.Alt is not null)
        {
            (alt, var altError) = rules.CheckAlt(input.Alt);
            if (altError is not null)
            {
                return MutationResult.Failure(altError);
            }
        }

        if (await ProductOfImageAsync(db, imageId, cancellationToken) is not { } productId)
        {
            return MutationResult.NotFound(ImageName, input.ImageId);
        }

        var (file, rejected) = await IngestAsync(() => intake.IngestImageAsync(input.File, cancellationToken));
        if (file is null)
        {
            return MutationResult.Failure(rejected!);
        }

        return await ChangeGalleryAsync(db, orphans, productId, NodeId.Encode(ProductGraphType.TypeName, productId), uploaded: file.Id, async product =>
        {
            // Read again under the product's lock: another admin may have removed it since.
            var image = await db.Set<ProductImage>().AsTracking().FirstOrDefaultAsync(i => i.Id == imageId, cancellationToken);
            if (image is null)
            {
                return GalleryChange.Refused(new NotFoundError($"No {ImageName} has this ID.", input.ImageId));
            }

            var old = image.MediaFileId;
            image.MediaFileId = file.Id;
            image.Alt = alt ?? image.Alt;
            return GalleryChange.Done(() => new ImageChange(WithFile(image, file), product), released: old);
        }, cancellationToken);
    }

    private static async Task<MutationResult> UpdateImageAsync(UpdateProductImageInput input, DiecastDbContext db, MediaOrphans orphans, GalleryRules rules, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ImageId, ProductImageGraphType.TypeName, out var imageId))
        {
            return MutationResult.NotAnId(ImageName, "imageId");
        }

        var (alt, altError) = rules.CheckAlt(input.Alt);
        if (altError is not null)
        {
            return MutationResult.Failure(altError);
        }

        if (await ProductOfImageAsync(db, imageId, cancellationToken) is not { } productId)
        {
            return MutationResult.NotFound(ImageName, input.ImageId);
        }

        return await ChangeGalleryAsync(db, orphans, productId, NodeId.Encode(ProductGraphType.TypeName, productId), uploaded: null, async product =>
        {
            var image = await db.Set<ProductImage>().AsTracking().FirstOrDefaultAsync(i => i.Id == imageId, cancellationToken);
            if (image is null)
            {
                return GalleryChange.Refused(new NotFoundError($"No {ImageName} has this ID.", input.ImageId));
            }

            var file = await db.Set<MediaFile>().FirstAsync(f => f.Id == image.MediaFileId, cancellationToken);
            image.Alt = alt!;
            return GalleryChange.Done(() => new ImageChange(WithFile(image, file), product));
        }, cancellationToken);
    }

    private static async Task<MutationResult> ReorderImagesAsync(ReorderProductImagesInput input, DiecastDbContext db, MediaOrphans orphans, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ProductId, ProductGraphType.TypeName, out var productId))
        {
            return MutationResult.NotAnId(ProductName, "productId");
        }

        var order = new int[input.ImageIds.Count];
        for (var i = 0; i < order.Length; i++)
        {
            if (!NodeId.TryDecodeInt(input.ImageIds[i], ProductImageGraphType.TypeName, out order[i]))
            {
                return MutationResult.Failure(new ValidationError(
                    $"imageIds[{i}] must be the ID of a {ImageName}.", [MutationConventions.InputArgument, "imageIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            }
        }

        return await ChangeGalleryAsync(db, orphans, productId, input.ProductId, uploaded: null, async product =>
        {
            var current = await db.Set<ProductImage>().Where(i => i.ProductId == productId).OrderBy(i => i.Position).Select(i => i.Id).ToListAsync(cancellationToken);
            if (NotAPermutation(current, order) is { } error)
            {
                return GalleryChange.Refused(error);
            }

            if (current.SequenceEqual(order))
            {
                return GalleryChange.Unchanged(() => product);
            }

            var positions = Enumerable.Range(0, order.Length).ToArray();
            // One statement; the unique (product_id, position) is deferred to the commit, so swapped places do not clash.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE product_images AS i SET position = o.position
                FROM unnest({order}::integer[], {positions}::integer[]) AS o(id, position)
                WHERE i.id = o.id AND i.product_id = {productId}
                """, cancellationToken);
            return GalleryChange.Done(() => product);
        }, cancellationToken);
    }

    private static async Task<MutationResult> RemoveImageAsync(RemoveProductImageInput input, DiecastDbContext db, MediaOrphans orphans, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ImageId, ProductImageGraphType.TypeName, out var imageId))
        {
            return MutationResult.NotAnId(ImageName, "imageId");
        }

        if (await ProductOfImageAsync(db, imageId, cancellationToken) is not { } productId)
        {
            return MutationResult.NotFound(ImageName, input.ImageId);
        }

        return await ChangeGalleryAsync(db, orphans, productId, NodeId.Encode(ProductGraphType.TypeName, productId), uploaded: null, async product =>
        {
            var image = await db.Set<ProductImage>().FirstOrDefaultAsync(i => i.Id == imageId, cancellationToken);
            if (image is null)
            {
                return GalleryChange.Refused(new NotFoundError($"No {ImageName} has this ID.", input.ImageId));
            }

            await db.Database.ExecuteSqlAsync($"DELETE FROM product_images WHERE id = {imageId}", cancellationToken);
            // The pictures after it move up one place (the unique positions are checked at the commit).
            await db.Database.ExecuteSqlAsync($"UPDATE product_images SET position = position - 1 WHERE product_id = {productId} AND position > {image.Position}", cancellationToken);
            return GalleryChange.Done(() => product, released: image.MediaFileId);
        }, cancellationToken);
    }

    private static async Task<MutationResult> UploadVideoAsync(
        UploadProductVideoInput input, DiecastDbContext db, MediaIntake intake, MediaOrphans orphans, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ProductId, ProductGraphType.TypeName, out var productId))
        {
            return MutationResult.NotAnId(ProductName, "productId");
        }

        if (!await db.Products.AnyAsync(p => p.Id == productId, cancellationToken))
        {
            return MutationResult.NotFound(ProductName, input.ProductId);
        }

        var (file, rejected) = await IngestAsync(() => intake.IngestVideoAsync(input.File, cancellationToken));
        if (file is null)
        {
            return MutationResult.Failure(rejected!);
        }

        return await ChangeGalleryAsync(db, orphans, productId, input.ProductId, uploaded: file.Id, product =>
        {
            var old = product.VideoMediaFileId;
            product.VideoMediaFileId = file.Id;
            return Task.FromResult(GalleryChange.Done(() => product, released: old));
        }, cancellationToken);
    }

    private static async Task<MutationResult> RemoveVideoAsync(RemoveProductVideoInput input, DiecastDbContext db, MediaOrphans orphans, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ProductId, ProductGraphType.TypeName, out var productId))
        {
            return MutationResult.NotAnId(ProductName, "productId");
        }

        return await ChangeGalleryAsync(db, orphans, productId, input.ProductId, uploaded: null, product =>
        {
            if (product.VideoMediaFileId is not { } old)
            {
                return Task.FromResult(GalleryChange.Unchanged(() => product));
            }

            product.VideoMediaFileId = null;
            return Task.FromResult(GalleryChange.Done(() => product, released: old));
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction holding the product's row lock, then moves the product's
    /// updatedAt and version, marks the files the change let go of as orphaned if nothing else refers to them (they
    /// keep serving until the cleanup's grace ends), and commits. When the product is gone or the change is refused,
    /// nothing is written, and a file stored for this mutation (<paramref name="uploaded"/>) is marked orphaned, so
    /// the cleanup removes it.
    /// </summary>
    private static async Task<MutationResult> ChangeGalleryAsync(
        DiecastDbContext db, MediaOrphans orphans, int productId, string productGlobalId, Guid? uploaded,
        Func<Product, Task<GalleryChange>> change, CancellationToken cancellationToken)
    {
        MutationResult refusal;
        try
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var locked = await db.Database
                    .SqlQuery<int>($"""SELECT id AS "Value" FROM products WHERE id = {productId} AND archived_at IS NULL FOR UPDATE""")
                    .ToListAsync(cancellationToken);
                if (locked.Count == 0)
                {
                    refusal = MutationResult.NotFound(ProductName, productGlobalId);
                }
                else
                {
                    var product = await db.Products.AsTracking().FirstAsync(p => p.Id == productId, cancellationToken);
                    var outcome = await change(product);
                    if (outcome.Error is null)
                    {
                        if (outcome.Changed)
                        {
                            // Marking UpdatedAt modified makes the row an UPDATE: the interceptor stamps the time, and
                            // PostgreSQL gives the row a new xmin, the product's version.
                            db.Entry(product).Property(p => p.UpdatedAt).IsModified = true;
                            await db.SaveChangesAsync(cancellationToken);
                            if (outcome.Released is { } released)
                            {
                                await orphans.MarkIfUnreferencedAsync(db, [released], cancellationToken);
                            }
                        }

                        var value = outcome.Value();
                        await WriteOutcomeUnknownException.GuardAsync(() => transaction.CommitAsync(cancellationToken));
                        db.ChangeTracker.Clear();
                        return MutationResult.Success(value);
                    }

                    refusal = MutationResult.Failure(outcome.Error);
                }
            }
        }
        catch (Exception) when (uploaded is { } stored)
        {
            await ReleaseUploadAsync(db, orphans, stored);
            throw;
        }

        if (uploaded is { } unused)
        {
            await ReleaseUploadAsync(db, orphans, unused);
        }

        return refusal;
    }

    /// <summary>A file stored for a mutation that then wrote nothing: marked orphaned unless something else refers to it (the same bytes elsewhere).</summary>
    private static async Task ReleaseUploadAsync(DiecastDbContext db, MediaOrphans orphans, Guid file)
    {
        db.ChangeTracker.Clear();
        // Not the request's token: a cancelled request still leaves its file for the cleanup.
        await orphans.MarkIfUnreferencedAsync(db, [file], CancellationToken.None);
    }

    private static async Task<(MediaFile? File, MediaRejectedError? Error)> IngestAsync(Func<Task<MediaFile>> ingest)
    {
        try
        {
            return (await ingest(), null);
        }
        catch (MediaRejectedException rejected)
        {
            return (null, new MediaRejectedError(rejected.Message, rejected.Code, [MutationConventions.InputArgument, "file"]));
        }
        catch (MediaBusyException busy)
        {
            // Every encode slot stayed taken for the queue's timeout: nothing was stored and the request may be sent again.
            throw new ExecutionError($"{busy.Message} Retry in {Math.Ceiling(busy.RetryAfter.TotalSeconds)} s.") { Code = "MEDIA_BUSY" };
        }
    }

    private static Task<int> CountImagesAsync(DiecastDbContext db, int productId, CancellationToken cancellationToken) =>
        db.Set<ProductImage>().CountAsync(i => i.ProductId == productId, cancellationToken);

    /// <summary>The product a picture belongs to, if the picture exists and its product is in the catalog.</summary>
    private static async Task<int?> ProductOfImageAsync(DiecastDbContext db, int imageId, CancellationToken cancellationToken) =>
        await db.Set<ProductImage>()
            .Where(i => i.Id == imageId && db.Set<Product>().Any(p => p.Id == i.ProductId))
            .Select(i => (int?)i.ProductId)
            .FirstOrDefaultAsync(cancellationToken);

    private static TooManyImagesError TooMany(int max) =>
        new($"A product may have at most {max} images; remove one before adding another.", max);

    /// <summary>imageIds must name each of the product's pictures exactly once; the error says which are missing, foreign or repeated.</summary>
    private static ValidationError? NotAPermutation(List<int> current, int[] order)
    {
        var missing = current.Except(order).ToList();
        var foreign = order.Except(current).Distinct().ToList();
        var repeated = order.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count == 0 && foreign.Count == 0 && repeated.Count == 0)
        {
            return null;
        }

        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add("missing " + Ids(missing));
        }

        if (foreign.Count > 0)
        {
            problems.Add("not this product's " + Ids(foreign));
        }

        if (repeated.Count > 0)
        {
            problems.Add("repeated " + Ids(repeated));
        }

        return new ValidationError(
            $"imageIds must list each of the product's {current.Count} images exactly once: {string.Join("; ", problems)}.",
            [MutationConventions.InputArgument, "imageIds"]);

        static string Ids(IEnumerable<int> ids) => string.Join(", ", ids.Select(id => NodeId.Encode(ProductImageGraphType.TypeName, id)));
    }

    /// <summary>The picture with its file for the payload, without letting the change tracker insert the file.</summary>
    private static ProductImage WithFile(ProductImage image, MediaFile file) => new()
    {
        Id = image.Id,
        ProductId = image.ProductId,
        MediaFileId = file.Id,
        MediaFile = file,
        Position = image.Position,
        Alt = image.Alt,
        CreatedAt = image.CreatedAt,
    };

    /// <summary>What a picture mutation answers: the picture and its product.</summary>
    private sealed record ImageChange(ProductImage Image, Product Product);

    /// <summary>What a change did: its payload (built after the save, so generated ids are set), or the refusal; the file it let go of.</summary>
    private sealed record GalleryChange(Func<object> Value, IUserError? Error, Guid? Released, bool Changed)
    {
        public static GalleryChange Done(Func<object> value, Guid? released = null) => new(value, null, released, Changed: true);

        public static GalleryChange Unchanged(Func<object> value) => new(value, null, null, Changed: false);

        public static GalleryChange Refused(IUserError error) => new(() => throw new InvalidOperationException("A refused change has no value."), error, null, Changed: false);
    }
}
