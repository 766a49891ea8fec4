using Diecast.GraphQL.Server.Http;

namespace Diecast.Api.Media.Gallery;

/// <summary>A new picture for a product, added after its others.</summary>
public sealed class UploadProductImageInput
{
    public string ProductId { get; init; } = "";
    public IFile File { get; init; } = null!;
    public string Alt { get; init; } = "";
}

/// <summary>New bytes for a product's picture, in the same place; the old file keeps serving until the cleanup's grace ends.</summary>
public sealed class ReplaceProductImageInput
{
    public string ImageId { get; init; } = "";
    public IFile File { get; init; } = null!;

    /// <summary>New alt text; null keeps the current one.</summary>
    public string? Alt { get; init; }
}

public sealed class UpdateProductImageInput
{
    public string ImageId { get; init; } = "";
    public string Alt { get; init; } = "";
}

/// <summary>A product's pictures in their new order: every one of them, once.</summary>
public sealed class ReorderProductImagesInput
{
    public string ProductId { get; init; } = "";
    public List<string> ImageIds { get; init; } = [];
}

public sealed class RemoveProductImageInput
{
    public string ImageId { get; init; } = "";
}

public sealed class UploadProductVideoInput
{
    public string ProductId { get; init; } = "";
    public IFile File { get; init; } = null!;
}

public sealed class RemoveProductVideoInput
{
    public string ProductId { get; init; } = "";
}
