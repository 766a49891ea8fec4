using Microsoft.Extensions.Options;
using NetVips;
using VipsImage = NetVips.Image;

namespace Diecast.Api.Media;

/// <summary>
/// libvips (through NetVips) for the intake's checks and the endpoint's variants, and the per-instance bound on how many
/// encodes run at once (Media__MaxConcurrentEncodes, default the number of cores): a burst of first requests queues
/// here, and one that waits longer than Media__EncodeQueueTimeoutSeconds is answered 503 with Retry-After.
/// </summary>
public sealed class MediaImaging : IDisposable
{
    private readonly SemaphoreSlim _encodes;
    private readonly TimeSpan _queueTimeout;

    static MediaImaging()
    {
        // Loaders not fuzzed for untrusted input (libvips marks them) are refused outright; the formats we accept are
        // checked by their magic numbers before libvips sees the bytes anyway.
        NetVips.NetVips.BlockUntrusted = true;
        // libvips's operation cache would keep decoded originals in memory between requests; variants are stored instead.
        Cache.Max = 0;
    }

    public MediaImaging(IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var concurrency = options.Value.EffectiveMaxConcurrentEncodes;
        _encodes = new SemaphoreSlim(concurrency, concurrency);
        _queueTimeout = TimeSpan.FromSeconds(options.Value.EncodeQueueTimeoutSeconds);
    }

    /// <summary>How long a caller told "busy" should wait before trying again.</summary>
    public TimeSpan RetryAfter => _queueTimeout;

    /// <summary>Waits for an encode slot; null when none came free within the queue timeout.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken ct)
    {
        if (!await _encodes.WaitAsync(_queueTimeout, ct))
        {
            return null;
        }

        return new Slot(_encodes);
    }

    /// <summary>
    /// Checks an image and returns what is stored: the pixel count read from the header before any pixel is decoded
    /// (the loaders are lazy: <c>NewFromBuffer</c> reads the header only), then a full decode that fails on any error
    /// (a truncated or corrupt file), orientation applied, colours converted to sRGB, and every piece of metadata
    /// (EXIF, GPS, XMP, IPTC, ICC) left out of the re-encoded bytes. PNG stays PNG (lossless); JPEG and WebP are
    /// re-encoded in their own format at quality 92, AVIF at 80 (visually lossless for a product photo; the variants,
    /// not the original, are what pages load).
    /// </summary>
    /// <exception cref="MediaRejectedException">TOO_MANY_PIXELS or UNDECODABLE.</exception>
    public static (byte[] Bytes, int Width, int Height) Normalize(byte[] bytes, string format, long maxPixels)
    {
        try
        {
            // Random access: turning a photo upright (EXIF orientation 3, 6, 8: most phone photos) reads it out of order,
            // which a sequential read fails past its few hundred buffered lines; the pixel cap above bounds the memory.
            using var image = VipsImage.NewFromBuffer(bytes, access: Enums.Access.Random, failOn: Enums.FailOn.Error);
            var loader = image.Contains("vips-loader") ? (string)image.Get("vips-loader") : "";
            string expected = format switch { "jpeg" => "jpegload", "png" => "pngload", "webp" => "webpload", _ => "heifload" };
            if (!loader.StartsWith(expected, StringComparison.Ordinal))
            {
                throw new MediaRejectedException(MediaRejectedException.Undecodable, $"The file starts like {format.ToUpperInvariant()} but does not decode as one.");
            }

            if ((long)image.Width * image.Height > maxPixels)
            {
                throw new MediaRejectedException(
                    MediaRejectedException.TooManyPixels,
                    $"The image is {image.Width}×{image.Height} pixels; at most {maxPixels:N0} pixels are accepted.");
            }

            using var rotated = image.Autorot();
            using var srgb = ToSrgb(rotated);
            var output = format switch
            {
                "png" => srgb.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None),
                "jpeg" => srgb.JpegsaveBuffer(q: 92, optimizeCoding: true, keep: Enums.ForeignKeep.None),
                "webp" => srgb.WebpsaveBuffer(q: 92, effort: 4, keep: Enums.ForeignKeep.None),
                _ => srgb.HeifsaveBuffer(q: 80, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None),
            };
            return (output, srgb.Width, srgb.Height);
        }
        catch (VipsException exception)
        {
            throw new MediaRejectedException(MediaRejectedException.Undecodable, $"The {format.ToUpperInvariant()} image does not decode: {FirstLine(exception.Message)}");
        }
    }

    /// <summary>
    /// A variant: the original shrunk to <paramref name="width"/> pixels wide (the caller never asks for more than the
    /// original's width), encoded as "avif", "webp" or "jpeg" at <paramref name="quality"/>, with no metadata. A JPEG of
    /// an image with transparency is flattened onto white (product shots sit on white pages).
    /// </summary>
    public static byte[] EncodeVariant(byte[] original, int width, int quality, string format)
    {
        using var resized = VipsImage.ThumbnailBuffer(original, width, height: 100_000, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
        if (format == "jpeg" && resized.HasAlpha())
        {
            using var flat = resized.Flatten(background: [255, 255, 255]);
            return flat.JpegsaveBuffer(q: quality, optimizeCoding: true, keep: Enums.ForeignKeep.None);
        }

        return format switch
        {
            "avif" => resized.HeifsaveBuffer(q: quality, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None),
            "webp" => resized.WebpsaveBuffer(q: quality, effort: 4, keep: Enums.ForeignKeep.None),
            _ => resized.JpegsaveBuffer(q: quality, optimizeCoding: true, keep: Enums.ForeignKeep.None),
        };
    }

    public void Dispose() => _encodes.Dispose();

    private static VipsImage ToSrgb(VipsImage image)
    {
        // An embedded profile (Adobe RGB, Display P3, CMYK…) is applied, so dropping it leaves the colours right.
        if (image.Contains("icc-profile-data"))
        {
            return image.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual);
        }

        return image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw or Enums.Interpretation.Rgb16 or Enums.Interpretation.Grey16
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb);
    }

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault("")?.Trim() ?? "";

    private sealed class Slot(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
