using Diecast.Api.Data.Seed;
using Diecast.Api.GraphQL;

namespace Diecast.Api.Media.Gallery;

/// <summary>
/// Product galleries: the admins' picture and video mutations, Product.gallery and the ProductImage type (found in the
/// assembly), and the demo shop's drawn pictures. Builds on the media module (<c>AddMedia()</c>), which stores and
/// serves the files.
/// </summary>
public static class GalleryFeature
{
    public static IServiceCollection AddProductGallery(this IServiceCollection services)
    {
        services.AddOptions<GalleryOptions>().BindConfiguration(GalleryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GalleryRules>();
        services.AddMutationFields(mutation => mutation.AddProductGalleryMutations());
        services.AddScoped<ProductImagesByProductIdDataLoader>();
        services.AddScoped<MediaFilesByIdDataLoader>();
        services.AddDemoData<GalleryDemoData>();
        return services;
    }
}
