namespace Diecast.Api.Media.Gallery;

/// <summary>
/// The uploaded file was refused by the media intake (<see cref="MediaRejectedException"/>): its bytes are not an
/// accepted format, do not decode, are too large or too many pixels. Nothing was stored.
/// </summary>
/// <param name="Message">Why, for people: e.g. "The file is not a JPEG, PNG, WebP or AVIF image."</param>
/// <param name="Code">The intake's code: MEDIA_TOO_LARGE, MEDIA_FORMAT_UNSUPPORTED, MEDIA_UNDECODABLE, MEDIA_TOO_MANY_PIXELS, MEDIA_EMPTY.</param>
/// <param name="Path">Where the file is in the arguments: ["input", "file"].</param>
public sealed record MediaRejectedError(string Message, string Code, IReadOnlyList<string> Path) : IUserError;

/// <summary>The product already has the most images allowed (<c>Media__MaxImagesPerProduct</c>); nothing was stored.</summary>
public sealed record TooManyImagesError(string Message, int Max) : IUserError;

public sealed class MediaRejectedErrorGraphType : UserErrorGraphType<MediaRejectedError>
{
    public MediaRejectedErrorGraphType()
        : base("The uploaded file was refused: its bytes are not an accepted format, do not decode, or are too large. Nothing was stored.", "Why the file was refused.")
    {
        Field(e => e.Code).Description("MEDIA_TOO_LARGE, MEDIA_FORMAT_UNSUPPORTED (e.g. SVG, HTML, GIF), MEDIA_UNDECODABLE (truncated or corrupt), MEDIA_TOO_MANY_PIXELS or MEDIA_EMPTY.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("path")
            .Description("Where the file is, from the field's arguments: [\"input\", \"file\"].")
            .Resolve(context => context.Source.Path);
    }
}

public sealed class TooManyImagesErrorGraphType : UserErrorGraphType<TooManyImagesError>
{
    public TooManyImagesErrorGraphType()
        : base("The product already has the most images allowed; remove one first. Nothing was stored.", "How many images a product may have.")
    {
        Field(e => e.Max).Description("The most images a product may have (Media__MaxImagesPerProduct).");
    }
}
