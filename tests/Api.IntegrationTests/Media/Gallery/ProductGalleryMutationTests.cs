using System.Net.Http.Headers;
using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.IntegrationTests.Media.Gallery;

/// <summary>
/// The gallery mutations through real multipart requests against the API and PostgreSQL: each one's success, each
/// refusal (which writes nothing), the order after a reorder, and old URLs still serving after a replace or removal.
/// </summary>
public sealed class ProductGalleryMutationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string NotFound = MutationPayloads.ErrorFields + " ... on NotFoundError { id }";
    private const string Rejected = NotFound + " ... on MediaRejectedError { code path }";
    private const string Image = "image { id alt position width height format url srcSet }";
    private const string Product = "product { id version updatedAt images videoUrl gallery { id position alt url } }";
    private const string Upload = "mutation($input: UploadProductImageInput!) { uploadProductImage(input: $input) { " + Image + " " + Product + " errors { " + Rejected + " ... on TooManyImagesError { max } } } }";
    private const string Replace = "mutation($input: ReplaceProductImageInput!) { replaceProductImage(input: $input) { " + Image + " " + Product + " errors { " + Rejected + " } } }";
    private const string Update = "mutation($input: UpdateProductImageInput!) { updateProductImage(input: $input) { " + Image + " " + Product + " errors { " + NotFound + " } } }";
    private const string Reorder = "mutation($input: ReorderProductImagesInput!) { reorderProductImages(input: $input) { " + Product + " errors { " + NotFound + " } } }";
    private const string Remove = "mutation($input: RemoveProductImageInput!) { removeProductImage(input: $input) { " + Product + " errors { " + NotFound + " } } }";
    private const string UploadVideo = "mutation($input: UploadProductVideoInput!) { uploadProductVideo(input: $input) { " + Product + " errors { " + Rejected + " } } }";
    private const string RemoveVideo = "mutation($input: RemoveProductVideoInput!) { removeProductVideo(input: $input) { " + Product + " errors { " + NotFound + " } } }";

    [Fact]
    public async Task UploadProductImage_adds_pictures_in_order_and_the_endpoint_serves_them()
    {
        using var admin = api.CreateAdminClient();
        var (productId, version) = await NewProductAsync(admin);

        var first = await UploadAsync(admin, productId, GalleryRequests.Jpeg(640, 480, 200), "  Red car, side view  ");
        var second = await UploadAsync(admin, productId, GalleryRequests.Png(300, 200, 10), "Blue car", "second.png");

        var image = first.GetProperty("image");
        Assert.Equal("Red car, side view", image.GetProperty("alt").GetString());
        Assert.Equal(0, image.GetProperty("position").GetInt32());
        Assert.Equal(640, image.GetProperty("width").GetInt32());
        Assert.Equal(480, image.GetProperty("height").GetInt32());
        Assert.Equal("JPEG", image.GetProperty("format").GetString());
        Assert.Contains(" 640w", image.GetProperty("srcSet").GetString(), StringComparison.Ordinal);
        Assert.Equal("PNG", second.GetProperty("image").GetProperty("format").GetString());
        Assert.Equal(1, second.GetProperty("image").GetProperty("position").GetInt32());

        var product = second.GetProperty("product");
        Assert.Equal([Id(first), Id(second)], GalleryIds(product));
        Assert.NotEqual(version, first.GetProperty("product").GetProperty("version").GetInt64());
        Assert.NotEqual(first.GetProperty("product").GetProperty("version").GetInt64(), product.GetProperty("version").GetInt64());
        // images, deprecated, now lists the uploaded pictures instead of the external URL it was created with.
        Assert.Equal(product.GetProperty("gallery").EnumerateArray().Select(g => g.GetProperty("url").GetString()), product.GetProperty("images").EnumerateArray().Select(i => i.GetString()));
        await AssertServedAsync(admin, image.GetProperty("url").GetString()!);
    }

    [Fact]
    public async Task Product_url_takes_the_nearest_allowed_width_and_quality()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        var id = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(800, 600, 90), "A car"));

        var data = await admin.QueryDataAsync(
            "query($id: ID!) { node(id: $id) { ... on ProductImage { small: url(width: 300) default: url exact: url(width: 640, quality: 88) } } }", new { id });

        var node = data.GetProperty("node");
        Assert.EndsWith("?w=384", node.GetProperty("small").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("?w=1080", node.GetProperty("default").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("?w=640&q=90", node.GetProperty("exact").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gallery_mutations_are_the_admins()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        using var anonymous = api.CreateClient();
        using var customer = api.CreateClientAs("shopper");

        var (anonymousResponse, _) = await anonymous.UploadAsync(Upload, ImageInput(productId, "A car"), GalleryRequests.Jpeg(64, 48, 10), "car.jpg");
        var (customerResponse, _) = await customer.UploadAsync(Upload, ImageInput(productId, "A car"), GalleryRequests.Jpeg(64, 48, 10), "car.jpg");
        var (_, reorder) = await customer.PostGraphQLAsync(Reorder, new { input = new { productId, imageIds = Array.Empty<string>() } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customerResponse.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", reorder.FirstErrorCode());
        Assert.Empty(await GalleryAsync(admin, productId));
    }

    [Fact]
    public async Task UploadProductImage_refuses_an_unknown_or_archived_product_and_a_foreign_id()
    {
        using var admin = api.CreateAdminClient();
        var unknown = NodeId.Encode("Product", 999_999);
        var (archivedId, _) = await NewProductAsync(admin);
        await admin.QueryDataAsync("mutation($id: ID!) { archiveProduct(input: { id: $id }) { errors { __typename } } }", new { id = archivedId });
        var files = await CountAsync("media_files");

        var notFound = await FailUploadAsync(admin, Upload, "uploadProductImage", ImageInput(unknown, "A car"), GalleryRequests.Jpeg(64, 48, 11));
        var archived = await FailUploadAsync(admin, Upload, "uploadProductImage", ImageInput(archivedId, "A car"), GalleryRequests.Jpeg(64, 48, 12));
        var notAnId = await FailUploadAsync(admin, Upload, "uploadProductImage", ImageInput(NodeId.Encode("Order", 1), "A car"), GalleryRequests.Jpeg(64, 48, 13));

        Assert.Equal(("NotFoundError", unknown), (notFound.GetProperty("__typename").GetString(), notFound.GetProperty("id").GetString()));
        Assert.Equal("NotFoundError", archived.GetProperty("__typename").GetString());
        Assert.Equal(["input", "productId"], MutationPayloads.Path(notAnId));
        Assert.Equal(files, await CountAsync("media_files"));
    }

    [Theory]
    [InlineData("blank", "   ")]
    [InlineData("too long", "x")]
    [InlineData("line break", "A red car\nwith a script")]
    [InlineData("tab", "A red car\twith a tab")]
    [InlineData("right-to-left override", "A red car \u202Eraf")]
    [InlineData("isolate", "A red \u2067car\u2069")]
    public async Task UploadProductImage_refuses_bad_alt_text_before_storing_anything(string why, string alt)
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        alt = why == "too long" ? new string('x', 251) : alt;
        var files = await CountAsync("media_files");

        var error = await FailUploadAsync(admin, Upload, "uploadProductImage", ImageInput(productId, alt), GalleryRequests.Jpeg(64, 48, 14));

        Assert.Equal("ValidationError", error.GetProperty("__typename").GetString());
        Assert.Equal(["input", "alt"], MutationPayloads.Path(error));
        Assert.StartsWith("alt must ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(files, await CountAsync("media_files"));
    }

    public static TheoryData<string, byte[], string, string> RefusedFiles => new()
    {
        { "SVG with a script", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "car.svg", "MEDIA_FORMAT_UNSUPPORTED" },
        { "HTML named .png", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8.ToArray(), "car.png", "MEDIA_FORMAT_UNSUPPORTED" },
        { "truncated JPEG", GalleryRequests.Jpeg(400, 300, 77)[..600], "car.jpg", "MEDIA_UNDECODABLE" },
        { "empty file", [], "car.jpg", "MEDIA_EMPTY" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task UploadProductImage_answers_a_refused_file_with_MediaRejectedError_and_writes_nothing(string why, byte[] file, string name, string code)
    {
        using var admin = api.CreateAdminClient();
        var (productId, version) = await NewProductAsync(admin);
        var files = await CountAsync("media_files");

        var (_, body) = await admin.UploadAsync(Upload, ImageInput(productId, "A car"), file, name, "image/jpeg");

        var payload = body.GetProperty("data").GetProperty("uploadProductImage");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("image").ValueKind);
        var error = payload.GetProperty("errors")[0];
        Assert.True(error.GetProperty("__typename").GetString() == "MediaRejectedError", why);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(["input", "file"], MutationPayloads.Path(error));
        Assert.Equal(files, await CountAsync("media_files"));
        Assert.Empty(await GalleryAsync(admin, productId));
        Assert.Equal(version, await VersionAsync(admin, productId));
    }

    [Fact]
    public async Task UploadProductImage_refuses_a_picture_beyond_the_cap()
    {
        using var capped = api.WithWebHostBuilder(builder => builder.UseSetting("Media:MaxImagesPerProduct", "2"));
        using var admin = capped.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 21), "One");
        await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 22), "Two");
        var files = await CountAsync("media_files");

        var error = await FailUploadAsync(admin, Upload, "uploadProductImage", ImageInput(productId, "Three"), GalleryRequests.Jpeg(64, 48, 23));

        Assert.Equal(("TooManyImagesError", 2), (error.GetProperty("__typename").GetString(), error.GetProperty("max").GetInt32()));
        Assert.Equal(files, await CountAsync("media_files"));
        Assert.Equal(2, (await GalleryAsync(admin, productId)).Count);
    }

    [Fact]
    public async Task ReorderProductImages_puts_the_gallery_in_the_order_given()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        var a = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 31), "A"));
        var b = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 32), "B"));
        var c = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 33), "C"));

        var product = await MutationPayloads.SucceedAsync(admin, Reorder, "reorderProductImages", "product", new { productId, imageIds = new[] { c, a, b } });

        Assert.Equal([c, a, b], GalleryIds(product));
        Assert.Equal([0, 1, 2], product.GetProperty("gallery").EnumerateArray().Select(g => g.GetProperty("position").GetInt32()));
        Assert.Equal([c, a, b], await GalleryAsync(admin, productId));
    }

    [Fact]
    public async Task ReorderProductImages_refuses_anything_but_a_permutation_of_the_products_pictures()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        var (otherId, _) = await NewProductAsync(admin);
        var a = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 41), "A"));
        var b = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 42), "B"));
        var foreign = Id(await UploadAsync(admin, otherId, GalleryRequests.Jpeg(64, 48, 43), "Foreign"));

        foreach (var imageIds in new string[][] { [b], [b, a, a], [b, foreign], [b, a, foreign], [] })
        {
            var error = await MutationPayloads.FailAsync(admin, Reorder, "reorderProductImages", "product", new { productId, imageIds });

            Assert.Equal("ValidationError", error.GetProperty("__typename").GetString());
            Assert.Equal(["input", "imageIds"], MutationPayloads.Path(error));
            Assert.StartsWith("imageIds must list each of the product's 2 images exactly once", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var notAnId = await MutationPayloads.FailAsync(admin, Reorder, "reorderProductImages", "product", new { productId, imageIds = new[] { b, productId } });
        Assert.Equal(["input", "imageIds", "1"], MutationPayloads.Path(notAnId));
        Assert.Equal([a, b], await GalleryAsync(admin, productId));
    }

    [Fact]
    public async Task ReplaceProductImage_keeps_the_place_and_the_old_url_serves_until_the_cleanup()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 51), "First");
        var uploaded = await UploadAsync(admin, productId, GalleryRequests.Jpeg(320, 240, 52), "Old picture");
        var id = Id(uploaded);
        var oldUrl = uploaded.GetProperty("image").GetProperty("url").GetString()!;
        await AssertServedAsync(admin, oldUrl);

        var replaced = await admin.UploadPayloadAsync(Replace, "replaceProductImage", new() { ["imageId"] = id }, GalleryRequests.Png(200, 100, 53), "new.png");

        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("errors").ValueKind);
        var image = replaced.GetProperty("image");
        Assert.Equal((id, 1, "Old picture", 200, "PNG"), (image.GetProperty("id").GetString(), image.GetProperty("position").GetInt32(), image.GetProperty("alt").GetString(), image.GetProperty("width").GetInt32(), image.GetProperty("format").GetString()));
        Assert.NotEqual(oldUrl, image.GetProperty("url").GetString());
        await AssertServedAsync(admin, oldUrl);
        await AssertServedAsync(admin, image.GetProperty("url").GetString()!);
        Assert.Equal(1L, await OrphanedAsync(oldUrl));
    }

    [Fact]
    public async Task ReplaceProductImage_refuses_a_bad_file_and_changes_nothing()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        var id = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 54), "Kept"));
        var files = await CountAsync("media_files");

        var error = await FailUploadAsync(admin, Replace, "replaceProductImage", new() { ["imageId"] = id }, "GIF89a\x01\x00\x01\x00"u8.ToArray());
        var unknown = await FailUploadAsync(admin, Replace, "replaceProductImage", new() { ["imageId"] = NodeId.Encode("ProductImage", 999_999) }, GalleryRequests.Jpeg(64, 48, 55));

        Assert.Equal(("MediaRejectedError", "MEDIA_FORMAT_UNSUPPORTED"), (error.GetProperty("__typename").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal("NotFoundError", unknown.GetProperty("__typename").GetString());
        Assert.Equal(files, await CountAsync("media_files"));
        Assert.Equal([id], await GalleryAsync(admin, productId));
    }

    [Fact]
    public async Task UpdateProductImage_changes_the_alt_text()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);
        var uploaded = await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 61), "Before");

        var image = await MutationPayloads.SucceedAsync(admin, Update, "updateProductImage", "image", new { imageId = Id(uploaded), alt = " After " });
        var blank = await MutationPayloads.FailAsync(admin, Update, "updateProductImage", "image", new { imageId = Id(uploaded), alt = "" });

        Assert.Equal("After", image.GetProperty("alt").GetString());
        Assert.Equal(uploaded.GetProperty("image").GetProperty("url").GetString(), image.GetProperty("url").GetString());
        Assert.Equal(["input", "alt"], MutationPayloads.Path(blank));
    }

    [Fact]
    public async Task RemoveProductImage_closes_the_gap_and_the_old_url_serves_until_the_cleanup()
    {
        using var admin = api.CreateAdminClient();
        var (productId, version) = await NewProductAsync(admin);
        var a = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 71), "A"));
        var removed = await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 72), "B");
        var c = Id(await UploadAsync(admin, productId, GalleryRequests.Jpeg(64, 48, 73), "C"));
        var oldUrl = removed.GetProperty("image").GetProperty("url").GetString()!;

        var product = await MutationPayloads.SucceedAsync(admin, Remove, "removeProductImage", "product", new { imageId = Id(removed) });
        var again = await MutationPayloads.FailAsync(admin, Remove, "removeProductImage", "product", new { imageId = Id(removed) });

        Assert.Equal([a, c], GalleryIds(product));
        Assert.Equal([0, 1], product.GetProperty("gallery").EnumerateArray().Select(g => g.GetProperty("position").GetInt32()));
        Assert.NotEqual(version, product.GetProperty("version").GetInt64());
        Assert.Equal("NotFoundError", again.GetProperty("__typename").GetString());
        await AssertServedAsync(admin, oldUrl);
        Assert.Equal(1L, await OrphanedAsync(oldUrl));
    }

    [Fact]
    public async Task A_product_video_is_uploaded_served_with_ranges_and_removed()
    {
        using var admin = api.CreateAdminClient();
        var (productId, _) = await NewProductAsync(admin);

        var uploaded = await admin.UploadPayloadAsync(UploadVideo, "uploadProductVideo", new() { ["productId"] = productId }, GalleryRequests.Mp4(1), "ride.mp4");
        var videoUrl = uploaded.GetProperty("product").GetProperty("videoUrl").GetString()!;
        using var range = new HttpRequestMessage(HttpMethod.Get, videoUrl);
        range.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await admin.SendAsync(range);
        var refused = await FailUploadAsync(admin, UploadVideo, "uploadProductVideo", new() { ["productId"] = productId }, GalleryRequests.Jpeg(64, 48, 81));
        var removed = await MutationPayloads.SucceedAsync(admin, RemoveVideo, "removeProductVideo", "product", new { productId });

        Assert.StartsWith("/media/videos/", videoUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(("MediaRejectedError", "MEDIA_FORMAT_UNSUPPORTED"), (refused.GetProperty("__typename").GetString(), refused.GetProperty("code").GetString()));
        // The external URL the product was created with shows again.
        Assert.Equal("https://video.example.com/test.mp4", removed.GetProperty("videoUrl").GetString());
        Assert.Equal(1L, await OrphanedAsync(videoUrl));
    }

    private static async Task<(string Id, long Version)> NewProductAsync(HttpClient admin)
    {
        var product = await MutationPayloads.SucceedAsync(admin, "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id version } errors { __typename } } }",
            "createProduct", "product", MutationInputs.NewProduct());
        return (product.GetProperty("id").GetString()!, product.GetProperty("version").GetInt64());
    }

    private static Dictionary<string, object?> ImageInput(string productId, string alt) => new() { ["productId"] = productId, ["alt"] = alt };

    private static async Task<JsonElement> UploadAsync(HttpClient admin, string productId, byte[] file, string alt, string name = "car.jpg")
    {
        var payload = await admin.UploadPayloadAsync(Upload, "uploadProductImage", ImageInput(productId, alt), file, name);
        Assert.True(payload.GetProperty("errors").ValueKind == JsonValueKind.Null, payload.ToString());
        return payload;
    }

    private static async Task<JsonElement> FailUploadAsync(HttpClient admin, string document, string field, Dictionary<string, object?> input, byte[] file)
    {
        var payload = await admin.UploadPayloadAsync(document, field, input, file, "file.bin");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty(field.Contains("Video", StringComparison.Ordinal) ? "product" : "image").ValueKind);
        return payload.GetProperty("errors")[0];
    }

    private static string Id(JsonElement payload) => payload.GetProperty("image").GetProperty("id").GetString()!;

    private static string[] GalleryIds(JsonElement product) => [.. product.GetProperty("gallery").EnumerateArray().Select(g => g.GetProperty("id").GetString()!)];

    private static async Task<List<string>> GalleryAsync(HttpClient admin, string productId)
    {
        var data = await admin.QueryDataAsync("query($id: ID!) { product(id: $id) { gallery { id } } }", new { id = productId });
        return [.. GalleryIds(data.GetProperty("product"))];
    }

    private static async Task<long> VersionAsync(HttpClient admin, string productId) =>
        (await admin.QueryDataAsync("query($id: ID!) { product(id: $id) { version } }", new { id = productId })).GetProperty("product").GetProperty("version").GetInt64();

    private Task<long> CountAsync(string table) => TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM {table}");

    /// <summary>How many files the URL's id names that are marked orphaned (1 or 0).</summary>
    private Task<long> OrphanedAsync(string url) =>
        TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_files WHERE id = '{url.Split('/')[3]}' AND orphaned_at IS NOT NULL");

    private static async Task AssertServedAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }
}
