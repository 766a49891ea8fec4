using Diecast.Api.Data.Seed;
using Diecast.Api.GraphQL;
using FluentValidation;

namespace Diecast.Api.Catalog;

/// <summary>
/// The catalog: products and their stock. Its EF model parts (<see cref="ProductConfiguration"/>,
/// <see cref="CatalogDataModel"/>) and graph types are found in the assembly; the rest is added here.
/// </summary>
public static class CatalogFeature
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddQueryFields(query => query.AddCatalogQueries());
        services.AddQueryFields(query => query.AddStockMovementQueries());
        services.AddMutationFields(mutation => mutation.AddProductMutations());
        services.AddScoped<ProductsByIdDataLoader>();
        services.AddScoped<RelatedProductsDataLoader>();
        services.AddSingleton<IValidator<CreateProductInput>, CreateProductInputValidator>();
        services.AddSingleton<IValidator<UpdateProductInput>, UpdateProductInputValidator>();
        services.AddSingleton<IValidator<AdjustStockInput>, AdjustStockInputValidator>();
        services.AddDemoData<CatalogDemoData>();
        services.AddTransient<LargeCatalogSeeder>();
        return services;
    }

    extension(DiecastDbContext db)
    {
        public DbSet<Product> Products => db.Set<Product>();

        public DbSet<StockMovement> StockMovements => db.Set<StockMovement>();
    }
}
