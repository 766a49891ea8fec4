using System.ComponentModel.DataAnnotations;

namespace Diecast.Api.Media;

/// <summary>The "Media" configuration section (environment variables <c>Media__MaxImageBytes</c> etc.).</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The quality a URL without <c>q</c> gets.</summary>
    public const int DefaultQuality = 75;

    /// <summary>The longest <see cref="MaxAltLength"/> may be (the column's length).</summary>
    public const int MaxAltLengthLimit = 1000;

    /// <summary>The widths the image endpoint serves: next/image's default deviceSizes and imageSizes, ascending.</summary>
    public static IReadOnlyList<int> Widths { get; } = [16, 32, 48, 64, 96, 128, 256, 384, 640, 750, 828, 1080, 1200, 1920, 2048, 3840];

    /// <summary>The qualities the image endpoint serves (a small set, so variants stay few).</summary>
    public static IReadOnlyList<int> Qualities { get; } = [50, 75, 90];

    /// <summary>Where originals and variants are kept: "postgres" (default, no extra server) or "s3".</summary>
    [RegularExpression("^(postgres|s3)$")]
    public string Storage { get; set; } = "postgres";

    /// <summary>The largest image upload, in bytes (default 20 MiB).</summary>
    [Range(1024, 200L * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// The largest video upload, in bytes (default 25 MiB, the transport's GraphQL__MaxUploadFileBytes default: a larger
    /// value needs GraphQL__MaxUploadFileBytes and GraphQL__MaxUploadRequestBytes raised with it).
    /// </summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxVideoBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>The most pixels (width × height, read from the header before decoding) an image may declare (default 40 million).</summary>
    [Range(1, 250_000_000)]
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>The longest alt text, in characters (default 250).</summary>
    [Range(1, MaxAltLengthLimit)]
    public int MaxAltLength { get; set; } = 250;

    /// <summary>
    /// Whether the image endpoint offers AVIF to browsers that accept it. Off by default: a cold AVIF encode measured
    /// 1.0 s at 1080 px and 2.4 s at 1920 px (p50, 2 cores, ./benchmark-media.sh), over the 500 ms first hit one storefront
    /// dropped AVIF for, and not smaller than WebP at the same quality setting (README "The AVIF decision").
    /// </summary>
    public bool Avif { get; set; }

    /// <summary>Encodes one instance runs at once; 0 means the number of cores.</summary>
    [Range(0, 256)]
    public int MaxConcurrentEncodes { get; set; }

    /// <summary>How long a first request waits for an encode slot before it is answered 503 with Retry-After, in seconds.</summary>
    [Range(1, 120)]
    public int EncodeQueueTimeoutSeconds { get; set; } = 10;

    /// <summary>Bytes of immutable variants each instance keeps in memory for the cached path (default 64 MiB; 0 turns it off).</summary>
    [Range(0, 4L * 1024 * 1024 * 1024)]
    public long MemoryCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long an orphaned file keeps being served before the cleanup job deletes it, in days.</summary>
    [Range(0, 3650)]
    public int OrphanGraceDays { get; set; } = 7;

    /// <summary>How often each instance looks for orphans past their grace, in seconds.</summary>
    [Range(1, 86_400)]
    public int OrphanCleanupIntervalSeconds { get; set; } = 3600;

    /// <summary>Run the orphan cleanup on this instance (instances skip each other's rows, so several may).</summary>
    public bool OrphanCleanupEnabled { get; set; } = true;

    /// <summary>
    /// The API's public origin (e.g. https://api.diecast.in), put before every media URL the API hands out, so a client
    /// on another origin (a storefront, an app) can use them as they come. Unset: URLs are paths on this API
    /// (/media/images/…), which such a client resolves against the API's address itself.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// For the media benchmark only: a folder served as static files at /media-benchmark-static by the same Kestrel, the
    /// floor a cached variant is compared with. Unset (the default) in every real deployment.
    /// </summary>
    public string? BenchmarkStaticFolder { get; set; }

    /// <summary>The S3-compatible store (used when <see cref="Storage"/> is "s3").</summary>
    public S3Settings S3 { get; set; } = new();

    public int EffectiveMaxConcurrentEncodes => MaxConcurrentEncodes > 0 ? MaxConcurrentEncodes : Environment.ProcessorCount;

    /// <summary>Media__S3__*: path-style addressing, so any S3-compatible server works. The keys are never logged.</summary>
    public sealed class S3Settings
    {
        /// <summary>The service URL, e.g. http://127.0.0.1:4568 (empty: AWS's endpoint for <see cref="Region"/>).</summary>
        public string? ServiceUrl { get; set; }

        public string Region { get; set; } = "ap-south-1";

        public string? Bucket { get; set; }

        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        /// <summary>A prefix put before every key, e.g. "diecast/".</summary>
        public string KeyPrefix { get; set; } = "";
    }
}
