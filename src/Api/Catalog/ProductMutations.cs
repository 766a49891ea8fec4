using System.Security.Claims;
using Diecast.Api.Security;
using Diecast.GraphQL.Server.Relay;
using FluentValidation;

namespace Diecast.Api.Catalog;

/// <summary>The catalog's admin mutations: create, edit and archive products, and adjust their stock.</summary>
public static class ProductMutations
{
    private static readonly EditableEntity<Product> Products = new()
    {
        DisplayName = "product",
        NodeTypeName = ProductGraphType.TypeName,
        SlugIndex = "ix_products_slug",
    };

    public static void AddProductMutations(this ObjectGraphType mutation)
    {
        mutation.AdminMutation<CreateProductInputGraphType, ProductGraphType>("createProduct")
            .Description("Adds a product to the catalog.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Resolve<CreateProductInput, DiecastDbContext, IValidator<CreateProductInput>>(CreateAsync);

        mutation.AdminMutation<UpdateProductInputGraphType, ProductGraphType>("updateProduct")
            .Description("Changes a product's details (stock moves through adjustStock). Send the version you read: a concurrent change is refused, not overwritten.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Error<ConcurrentEditErrorGraphType>()
            .Resolve<UpdateProductInput, DiecastDbContext, IValidator<UpdateProductInput>>(UpdateAsync);

        mutation.AdminMutation<ArchiveProductInputGraphType, ProductGraphType>("archiveProduct")
            .Description("Takes a product out of the catalog for good; orders keep referring to it. Archiving twice changes nothing.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<ArchiveProductInput, DiecastDbContext, TimeProvider>(ArchiveAsync);

        mutation.AdminMutation<AdjustStockInputGraphType, ProductGraphType>("adjustStock")
            .Description("Adds or removes units of stock, with a reason kept in the audit trail. Concurrent adjustments all count; stock never goes below zero.")
            .PayloadField("product")
            .Error<ValidationErrorGraphType>()
            .Error<NotFoundErrorGraphType>()
            .Resolve<AdjustStockInput, DiecastDbContext, IValidator<AdjustStockInput>, ClaimsPrincipal, TimeProvider>(AdjustStockAsync);
    }

    private static Task<MutationResult> CreateAsync(CreateProductInput input, DiecastDbContext db, IValidator<CreateProductInput> validator, CancellationToken cancellationToken) =>
        Products.CreateAsync(db, input, input.Slug, validator, input => new Product
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
        }, cancellationToken);

    private static Task<MutationResult> UpdateAsync(UpdateProductInput input, DiecastDbContext db, IValidator<UpdateProductInput> validator, CancellationToken cancellationToken) =>
        Products.UpdateAsync(db, input, validator, product =>
        {
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
            product.VideoUrl = input.Clearable("videoUrl", input.VideoUrl, product.VideoUrl);
            product.IsFeatured = input.IsFeatured ?? product.IsFeatured;
        }, cancellationToken);

    private static async Task<MutationResult> ArchiveAsync(ArchiveProductInput input, DiecastDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (product, failure) = await Products.FindAsync(db, input.Id, cancellationToken, includeHidden: true);
        if (product is null)
        {
            return failure!;
        }

        if (product.ArchivedAt is not null)
        {
            return MutationResult.Success(product);
        }

        product.ArchivedAt = time.GetDatabaseUtcNow();
        return await Products.SaveAsync(db, product, input.Id, cancellationToken);
    }

    private static async Task<MutationResult> AdjustStockAsync(
        AdjustStockInput input, DiecastDbContext db, IValidator<AdjustStockInput> validator, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!NodeId.TryDecodeInt(input.ProductId, ProductGraphType.TypeName, out var id))
        {
            return MutationResult.NotAnId(Products.DisplayName, "productId");
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return MutationResult.Invalid(validation);
        }

        var now = time.GetDatabaseUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One statement decides: concurrent adjustments serialize on the row and each sees the others' result.
        var stockAfter = await db.Database
            .SqlQuery<int>($"""
                UPDATE products SET stock_quantity = stock_quantity + {input.Delta}, updated_at = {now}
                WHERE id = {id} AND archived_at IS NULL AND stock_quantity + {input.Delta} >= 0
                RETURNING stock_quantity AS "Value"
                """)
            .ToListAsync(cancellationToken);
        if (stockAfter.Count == 0)
        {
            var current = await db.Products.Where(p => p.Id == id).Select(p => (int?)p.StockQuantity).FirstOrDefaultAsync(cancellationToken);
            return current is null
                ? MutationResult.NotFound(Products.DisplayName, input.ProductId)
                : MutationResult.Failure(new ValidationError($"delta must not remove more than the {current} in stock (it removes {-input.Delta}).", [MutationConventions.InputArgument, "delta"]));
        }

        db.StockMovements.Add(new StockMovement
        {
            ProductId = id,
            Delta = input.Delta,
            StockAfter = stockAfter[0],
            Kind = StockMovementKind.Adjustment,
            Reason = input.Reason,
            Actor = user.Identity?.Name ?? "unknown",
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        // The answer is read inside the transaction, so it is what this adjustment wrote; after the commit nothing
        // is read that could fail and report a change that was made as one that was not (a retry would apply it twice).
        var adjusted = await db.Products.FirstAsync(p => p.Id == id, cancellationToken);
        await WriteOutcomeUnknownException.GuardAsync(() => transaction.CommitAsync(cancellationToken));
        return MutationResult.Success(adjusted);
    }
}
