using System.Diagnostics;

namespace Diecast.Benchmarks;

/// <summary>
/// The shop as ./benchmark-storefront.sh builds it: the API built in Release (<see cref="ApiDll"/>) and the storefront
/// published to <c>.data/benchmark-storefront</c> (its static assets with their precompressed variants beside it).
/// </summary>
internal sealed record BuiltShop(string ApiDll, string StorefrontFolder)
{
    public string StorefrontDll => Path.Combine(StorefrontFolder, "Diecast.Storefront.dll");

    /// <summary>The built shop under <paramref name="root"/>, or null (after saying how to build it on stderr) when either part is missing.</summary>
    public static BuiltShop? Find(string root)
    {
        var shop = new BuiltShop(
            Path.Combine(root, "src", "Api", "bin", "Release", "net10.0", "Diecast.Api.dll"),
            Path.Combine(root, ".data", "benchmark-storefront"));
        if (File.Exists(shop.ApiDll) && File.Exists(shop.StorefrontDll))
        {
            return shop;
        }

        Console.Error.WriteLine($"Build the API in Release and publish the storefront to {shop.StorefrontFolder} first: ./benchmark-storefront.sh does.");
        return null;
    }

    /// <summary>
    /// Starts the published storefront in Production on 127.0.0.1:<paramref name="port"/>, only warnings logged, with the
    /// benchmark's <paramref name="environment"/> (its API, its public address, switches); the caller waits for it and stops it.
    /// </summary>
    public Process StartStorefront(int port, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = StorefrontFolder };
        startInfo.ArgumentList.Add(StorefrontDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return Process.Start(startInfo)!;
    }
}
