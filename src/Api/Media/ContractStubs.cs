// TEMPORARY: the shared contract's names (/work/wt/prompts/model13.md), so the gallery compiles before the media and
// upload branches land. Deleted when they are merged.
#pragma warning disable CA1822, CA1034, IDE0060, CS1591
using Diecast.GraphQL.Server.Http;

namespace Diecast.Api.Media
{
    public enum MediaKind { Image, Video }

    public sealed class MediaFile
    {
        public Guid Id { get; set; }
        public MediaKind Kind { get; set; }
        public string Format { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long ByteLength { get; set; }
        public int? Width { get; set; }
        public int? Height { get; set; }
        public string Sha256 { get; set; } = "";
        public string StorageKey { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateTime? OrphanedAt { get; set; }
    }

    public sealed class ProductImage
    {
        public int Id { get; set; }
        public int ProductId { get; set; }
        public Guid MediaFileId { get; set; }
        public MediaFile MediaFile { get; set; } = null!;
        public int Position { get; set; }
        public string Alt { get; set; } = "";
        public DateTime CreatedAt { get; set; }
    }

    public sealed class MediaRejectedException(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    public sealed class MediaIntake
    {
        public Task<MediaFile> IngestImageAsync(IFile file, CancellationToken ct) => throw new NotImplementedException();
        public Task<MediaFile> IngestVideoAsync(IFile file, CancellationToken ct) => throw new NotImplementedException();
        public Task<MediaFile> IngestImageAsync(Stream bytes, string name, CancellationToken ct) => throw new NotImplementedException();
    }

    public sealed class MediaUrls
    {
        public IReadOnlyList<int> ImageWidths { get; } = [16, 32, 48, 64, 96, 128, 256, 384, 640, 750, 828, 1080, 1200, 1920, 2048, 3840];
        public string Image(MediaFile file, int width, int quality = 75) => $"/media/images/{file.Id}/{file.Sha256[..8]}?w={width}&q={quality}";
        public string SrcSet(MediaFile file, int quality = 75) => "";
        public string Video(MediaFile file) => $"/media/videos/{file.Id}/{file.Sha256[..8]}";
    }

    public sealed class MediaOrphans
    {
        public Task MarkIfUnreferencedAsync(DiecastDbContext db, IEnumerable<Guid> mediaFileIds, CancellationToken ct) => Task.CompletedTask;
    }
}

namespace Diecast.GraphQL.Server.Http
{
    public interface IFile
    {
        string Name { get; }
        string? ContentType { get; }
        long Length { get; }
        Stream OpenReadStream();
    }
}

namespace Diecast.GraphQL.Server.Scalars
{
    public sealed class UploadGraphType : global::GraphQL.Types.ScalarGraphType
    {
        public UploadGraphType() => Name = "Upload";
        public override object? ParseValue(object? value) => value;
        public override object? ParseLiteral(GraphQLParser.AST.GraphQLValue value) => throw new NotSupportedException();
    }
}
