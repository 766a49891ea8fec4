namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>Valid inputs for the create mutations, each with a slug no other test uses; tests change what they test.</summary>
public static class MutationInputs
{
    public static string NewProductSlug() => "test-car-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A createProduct input: a ₹2,499.50 Mini GT with 5 in stock, under a new slug unless given one.</summary>
    public static Dictionary<string, object?> NewProduct(string? slug = null) => new()
    {
        ["slug"] = slug ?? NewProductSlug(),
        ["name"] = "Test Car",
        ["brand"] = "Mini GT",
        ["make"] = "Tata",
        ["model"] = "Nexon",
        ["year"] = 2024,
        ["scale"] = "1:64",
        ["genre"] = "CLASSIC",
        ["status"] = "AVAILABLE",
        ["description"] = "A test model.",
        ["price"] = 2499.50m,
        ["stockQuantity"] = 5,
        ["images"] = new[] { "https://img.example.com/test.jpg" },
        ["videoUrl"] = "https://video.example.com/test.mp4",
        ["isFeatured"] = false,
    };

    /// <summary>A createJournalEntry input titled "A Week of Tatas".</summary>
    public static Dictionary<string, object?> NewJournalEntry(out string slug)
    {
        slug = "week-of-tatas-" + Guid.NewGuid().ToString("N")[..10];
        return new()
        {
            ["slug"] = slug,
            ["title"] = "A Week of Tatas",
            ["excerpt"] = "Seven days, seven Tata models.",
            ["body"] = "We photographed **seven** Tatas.",
            ["coverImage"] = "https://img.example.com/tatas.jpg",
            ["tags"] = new[] { "tata", "new-arrivals" },
            ["author"] = "Meera",
        };
    }
}
