using Diecast.Api.Data;
using Diecast.Api.Security;
using Diecast.GraphQL.Server.Mutations;
using Diecast.GraphQL.Server.Relay;
using FluentValidation;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Catalog;

/// <summary>The catalog's admin mutations: create, edit and archive products, and adjust their stock.</summary>
public static class ProductMutations
{
    private const string SlugIndex = "ix_products_slug";
    private const string Thing = "product";

    public static void AddProductMutations(this ObjectGraphType mutation)
    {
        mutation.AdminMutation<CreateProductInputGraphType, ProductGraphType>(
            "createProduct", "product", "Adds a product to the catalog.",
            [typeof(ValidationErrorGraphType)],
            CreateAsync);

        mutation.AdminMutation<UpdateProductInputGraphType, ProductGraphType>(
            "updateProduct", "product", "Changes a product's details (stock moves through adjustStock). Send the version you read: a concurrent change is refused, not overwritten.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType), typeof(ConcurrentEditErrorGraphType)],
            UpdateAsync);

        mutation.AdminMutation<ArchiveProductInputGraphType, ProductGraphType>(
            "archiveProduct", "product", "Takes a product out of the catalog for good; orders keep referring to it. Archiving twice changes nothing.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType)],
            ArchiveAsync);

        mutation.AdminMutation<AdjustStockInputGraphType, ProductGraphType>(
            "adjustStock", "product", "Adds or removes units of stock, with a reason kept in the audit trail. Concurrent adjustments all count; stock never goes below zero.",
            [typeof(ValidationErrorGraphType), typeof(NotFoundErrorGraphType)],
            AdjustStockAsync);
    }

    private static async Task<MutationResult> CreateAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<CreateProductInput>(MutationConventions.InputArgument);
        var validation = await new CreateProductInputValidator().ValidateAsync(input, context.CancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        await using var db = await context.CreateDbContextAsync();
        if (await SlugTakenAsync(db, input.Slug, exceptId: null, context.CancellationToken))
        {
            return MutationResult.SlugTaken(Thing, input.Slug);
        }

        var product = new Product
        {
            Slug = input.Slug,
            Name = input.Name,
            Brand = input.Brand,
            Make = input.Make,
            Model = input.Model,
            Year = input.Year,
            Scale = input.Scale,
            Genre = input.Genre,
            Status = input.Status,
            Description = input.Description,
            Price = input.Price,
            StockQuantity = input.StockQuantity,
            Images = input.Images,
            VideoUrl = input.VideoUrl,
            IsFeatured = input.IsFeatured,
        };
        db.Products.Add(product);
        return await SaveAsync(db, product, product.Slug, context.CancellationToken);
    }

    private static async Task<MutationResult> UpdateAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<UpdateProductInput>(MutationConventions.InputArgument);
        if (!NodeId.TryDecodeInt(input.Id, ProductGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(Thing);
        }

        var validation = await new UpdateProductInputValidator().ValidateAsync(input, context.CancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        await using var db = await context.CreateDbContextAsync();
        var product = await db.Products.AsTracking().FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken);
        if (product is null)
        {
            return MutationResult.NotFound(Thing, input.Id);
        }

        // The caller's version is the one the UPDATE must find, so a change made since they read is never overwritten.
        if (product.Version != input.Version)
        {
            return MutationResult.Conflict(Thing, input.Id);
        }

        if (input.Slug is { } slug && slug != product.Slug && await SlugTakenAsync(db, slug, product.Id, context.CancellationToken))
        {
            return MutationResult.SlugTaken(Thing, slug);
        }

        product.Slug = input.Slug ?? product.Slug;
        product.Name = input.Name ?? product.Name;
        product.Brand = input.Brand ?? product.Brand;
        product.Make = input.Make ?? product.Make;
        product.Model = input.Model ?? product.Model;
        product.Year = input.Year ?? product.Year;
        product.Scale = input.Scale ?? product.Scale;
        product.Genre = input.Genre ?? product.Genre;
        product.Status = input.Status ?? product.Status;
        product.Description = input.Description ?? product.Description;
        product.Price = input.Price ?? product.Price;
        product.Images = input.Images ?? product.Images;
        product.VideoUrl = input.ClearVideoUrl ? null : input.VideoUrl ?? product.VideoUrl;
        product.IsFeatured = input.IsFeatured ?? product.IsFeatured;
        return await SaveAsync(db, product, product.Slug, context.CancellationToken, input.Id);
    }

    private static async Task<MutationResult> ArchiveAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<ArchiveProductInput>(MutationConventions.InputArgument);
        if (!NodeId.TryDecodeInt(input.Id, ProductGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(Thing);
        }

        await using var db = await context.CreateDbContextAsync();
        var product = await db.Products.IgnoreQueryFilters().AsTracking().FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken);
        if (product is null)
        {
            return MutationResult.NotFound(Thing, input.Id);
        }

        if (product.ArchivedAt is not null)
        {
            return MutationResult.Success(product);
        }

        product.ArchivedAt = DatabaseTime.UtcNow();
        return await SaveAsync(db, product, product.Slug, context.CancellationToken, input.Id);
    }

    private static async Task<MutationResult> AdjustStockAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<AdjustStockInput>(MutationConventions.InputArgument);
        if (!NodeId.TryDecodeInt(input.ProductId, ProductGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(Thing, "productId");
        }

        var validation = await new AdjustStockInputValidator().ValidateAsync(input, context.CancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        await using var db = await context.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        // One statement decides: concurrent adjustments serialize on the row and each sees the others' result.
        var stockAfter = await db.Database
            .SqlQuery<int>($"""
                UPDATE products SET stock_quantity = stock_quantity + {input.Delta}, updated_at = now()
                WHERE id = {id} AND archived_at IS NULL AND stock_quantity + {input.Delta} >= 0
                RETURNING stock_quantity AS "Value"
                """)
            .ToListAsync(context.CancellationToken);
        if (stockAfter.Count == 0)
        {
            var current = await db.Products.Where(p => p.Id == id).Select(p => (int?)p.StockQuantity).FirstOrDefaultAsync(context.CancellationToken);
            return current is null
                ? MutationResult.NotFound(Thing, input.ProductId)
                : MutationResult.Failure(new ValidationError($"delta must not remove more than the {current} in stock (it removes {-input.Delta}).", [MutationConventions.InputArgument, "delta"]));
        }

        db.StockAdjustments.Add(new StockAdjustment
        {
            ProductId = id,
            Delta = input.Delta,
            StockAfter = stockAfter[0],
            Reason = input.Reason,
            AdjustedBy = context.User?.Identity?.Name ?? "unknown",
        });
        await db.SaveChangesAsync(context.CancellationToken);
        // The answer is read inside the transaction, so it is what this adjustment wrote; after the commit nothing
        // is read that could fail and report a change that was made as one that was not (a retry would apply it twice).
        var adjusted = await db.Products.FirstAsync(p => p.Id == id, context.CancellationToken);
        await WriteOutcomeUnknownException.GuardAsync(() => transaction.CommitAsync(context.CancellationToken));
        return MutationResult.Success(adjusted);
    }

    private static Task<MutationResult> SaveAsync(DiecastDbContext db, Product product, string slug, CancellationToken cancellationToken, string? id = null) =>
        db.SaveOrReportAsync(product, Thing, () => id ?? NodeId.Encode(ProductGraphType.TypeName, product.Id), slug, SlugIndex, cancellationToken);

    private static Task<bool> SlugTakenAsync(DiecastDbContext db, string slug, int? exceptId, CancellationToken cancellationToken) =>
        db.Products.IgnoreQueryFilters().AnyAsync(p => p.Slug == slug && p.Id != exceptId, cancellationToken);
}
