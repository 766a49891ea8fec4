using Microsoft.Extensions.Options;

namespace Diecast.Api.Media;

/// <summary>Product media: checked uploads, storage (PostgreSQL or S3), the image and video endpoints, orphan cleanup.</summary>
public static class MediaFeature
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMediaStorage>(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value.Storage == "s3"
            ? ActivatorUtilities.CreateInstance<S3MediaStorage>(sp)
            : ActivatorUtilities.CreateInstance<PostgresMediaStorage>(sp));
        services.AddScoped<MediaIntake>();
        services.AddSingleton<MediaUrls>();
        services.AddSingleton<MediaImaging>();
        services.AddSingleton<MediaVariants>();
        services.AddSingleton<MediaOrphans>();
        services.AddSingleton<MediaOrphanCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaOrphanCleanup>());
        return services;
    }

    extension(DiecastDbContext db)
    {
        public DbSet<MediaFile> MediaFiles => db.Set<MediaFile>();

        public DbSet<ProductImage> ProductImages => db.Set<ProductImage>();

        public DbSet<MediaVariant> MediaVariants => db.Set<MediaVariant>();
    }
}
