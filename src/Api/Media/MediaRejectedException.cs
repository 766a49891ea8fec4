namespace Diecast.Api.Media;

/// <summary>
/// An upload that is not stored, with a code for the user error: MEDIA_EMPTY, MEDIA_TOO_LARGE,
/// MEDIA_FORMAT_UNSUPPORTED (SVG, HTML, GIF, anything not JPEG/PNG/WebP/AVIF or MP4/WebM), MEDIA_UNDECODABLE
/// (truncated or corrupt), MEDIA_TOO_MANY_PIXELS (over Media__MaxImagePixels, found before decoding).
/// </summary>
public sealed class MediaRejectedException(string code, string message) : Exception(message)
{
    public const string Empty = "MEDIA_EMPTY";
    public const string TooLarge = "MEDIA_TOO_LARGE";
    public const string FormatUnsupported = "MEDIA_FORMAT_UNSUPPORTED";
    public const string Undecodable = "MEDIA_UNDECODABLE";
    public const string TooManyPixels = "MEDIA_TOO_MANY_PIXELS";

    public string Code { get; } = code;
}
