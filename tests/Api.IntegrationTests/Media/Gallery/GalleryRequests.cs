using System.Net.Http.Headers;
using System.Text;
using NetVips;

namespace Diecast.Api.IntegrationTests.Media.Gallery;

/// <summary>
/// Real multipart requests, as an upload client sends them (GraphQL multipart request spec): <c>operations</c>, then
/// <c>map</c>, then the file, with the <c>GraphQL-Preflight</c> header the API requires of multipart requests.
/// </summary>
public static class GalleryRequests
{
    /// <summary>Runs <paramref name="document"/> with <c>$input</c> = <paramref name="input"/> plus its <c>file</c> sent as a multipart file part.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> UploadAsync(
        this HttpClient client, string document, Dictionary<string, object?> input, byte[] file, string fileName, string contentType = "application/octet-stream")
    {
        input["file"] = null;
        var operations = JsonSerializer.Serialize(new { query = document, variables = new { input } });
        using var content = new MultipartFormDataContent
        {
            { new StringContent(operations, Encoding.UTF8), "operations" },
            { new StringContent("""{"0":["variables.input.file"]}""", Encoding.UTF8), "map" },
        };
        var filePart = new ByteArrayContent(file);
        filePart.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(filePart, "0", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLHttp.ResponseMediaType));
        request.Headers.Add("GraphQL-Preflight", "1");
        var response = await client.SendAsync(request);
        return (response, await GraphQLHttp.ReadJsonAsync(response));
    }

    /// <summary>The payload of an upload that must succeed, with no errors.</summary>
    public static async Task<JsonElement> UploadPayloadAsync(this HttpClient client, string document, string field, Dictionary<string, object?> input, byte[] file, string fileName)
    {
        var (response, body) = await client.UploadAsync(document, input, file, fileName);
        Assert.False(body.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body.GetProperty("data").GetProperty(field);
    }

    /// <summary>A small opaque picture of one colour, different bytes for each colour.</summary>
    public static byte[] Jpeg(int width, int height, int red, int green = 40, int blue = 40)
    {
        using var black = Image.Black(width, height, bands: 3);
        using var coloured = black.Linear(new double[] { 1, 1, 1 }, new double[] { red, green, blue });
        using var bytes = coloured.Cast(Enums.BandFormat.Uchar);
        return bytes.JpegsaveBuffer(q: 90);
    }

    public static byte[] Png(int width, int height, int red)
    {
        using var black = Image.Black(width, height, bands: 3);
        using var coloured = black.Linear(new double[] { 1, 1, 1 }, new double[] { red, 120, 200 });
        using var bytes = coloured.Cast(Enums.BandFormat.Uchar);
        return bytes.PngsaveBuffer();
    }

    /// <summary>The start of an MP4: an ISO <c>ftyp</c> box (brand isom), then an <c>mdat</c> box of filler, unique per <paramref name="seed"/>.</summary>
    public static byte[] Mp4(int seed)
    {
        var bytes = new List<byte>();
        bytes.AddRange([0, 0, 0, 0x18]);
        bytes.AddRange("ftypisom"u8.ToArray());
        bytes.AddRange([0, 0, 2, 0]);
        bytes.AddRange("isomiso2"u8.ToArray());
        var mdat = new byte[4096];
        new Random(seed).NextBytes(mdat);
        bytes.AddRange([0, 0, 0x10, 0x08]);
        bytes.AddRange("mdat"u8.ToArray());
        bytes.AddRange(mdat);
        return [.. bytes];
    }
}
