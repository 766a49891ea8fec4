using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Tests.Payments;

/// <summary>When the simulator plays Razorpay, and which configurations refuse to start.</summary>
public class RazorpayOptionsTests
{
    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Razorpay:KeyId"] = "rzp_live_abc",
        ["Razorpay:KeySecret"] = "live-secret",
        ["Razorpay:WebhookSecret"] = "webhook-secret",
    };

    private static RazorpayOptions Resolve(Dictionary<string, string?> settings, string environment)
    {
        using var services = RazorpayTestServices.Build(settings, environment);
        return services.GetRequiredService<IOptions<RazorpayOptions>>().Value;
    }

    private static string Refusal(Dictionary<string, string?> settings, string environment) =>
        Assert.Throws<OptionsValidationException>(() => Resolve(settings, environment)).Message;

    [Fact]
    public void Production_without_keys_refuses_to_start_naming_the_settings()
    {
        var message = Refusal([], "Production");
        Assert.Contains("Razorpay__KeyId", message, StringComparison.Ordinal);
        Assert.Contains("Razorpay__KeySecret", message, StringComparison.Ordinal);
        Assert.Contains("Razorpay__WebhookSecret", message, StringComparison.Ordinal);
        Assert.Contains("simulator runs only outside Production", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_never_runs_the_simulator()
    {
        Assert.Contains("never runs in Production", Refusal(new(Keys) { ["Razorpay:Simulator"] = "true" }, "Production"), StringComparison.Ordinal);
        Assert.Contains("Razorpay__KeyId", Refusal(new() { ["Razorpay:Simulator"] = "true" }, "Production"), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_with_keys_starts_against_razorpay()
    {
        var options = Resolve(Keys, "Production");
        Assert.False(options.IsSimulated);
        Assert.Equal(new Uri("https://api.razorpay.com/v1/"), options.BaseUrl);
        Assert.Equal(["webhook-secret"], options.WebhookSecrets);
        Assert.Equal(["webhook-secret", "old"], Resolve(new(Keys) { ["Razorpay:PreviousWebhookSecret"] = "old" }, "Production").WebhookSecrets);
    }

    [Fact]
    public void Production_refuses_plain_http_to_anything_but_loopback()
    {
        Assert.Contains("https", Refusal(new(Keys) { ["Razorpay:BaseUrl"] = "http://razorpay.example/v1/" }, "Production"), StringComparison.Ordinal);
        Assert.Equal(new Uri("http://127.0.0.1:5555/v1/"), Resolve(new(Keys) { ["Razorpay:BaseUrl"] = "http://127.0.0.1:5555/v1" }, "Production").BaseUrl);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Outside_production_no_keys_means_the_simulator_with_generated_keys(string environment)
    {
        using var services = RazorpayTestServices.Build(new Dictionary<string, string?>(), environment);
        var options = services.GetRequiredService<IOptions<RazorpayOptions>>().Value;
        Assert.True(options.IsSimulated);
        Assert.StartsWith("rzp_test_sim", options.KeyId, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(options.KeySecret));
        Assert.False(string.IsNullOrEmpty(options.WebhookSecret));
        // Every reader of the options sees the same generated secrets.
        var monitor = services.GetRequiredService<IOptionsMonitor<RazorpayOptions>>().CurrentValue;
        Assert.Equal(options.KeySecret, monitor.KeySecret);
        Assert.Equal(options.WebhookSecret, monitor.WebhookSecret);
    }

    [Fact]
    public void Outside_production_keys_mean_razorpay_unless_the_simulator_is_asked_for()
    {
        Assert.False(Resolve(Keys, "Development").IsSimulated);
        Assert.True(Resolve(new(Keys) { ["Razorpay:Simulator"] = "true" }, "Development").IsSimulated);
    }

    [Fact]
    public void Half_a_configuration_is_refused()
    {
        Assert.Contains("Razorpay__KeySecret", Refusal(new() { ["Razorpay:KeyId"] = "rzp_test_1" }, "Development"), StringComparison.Ordinal);
        Assert.Contains("Razorpay__WebhookSecret", Refusal(new() { ["Razorpay:KeyId"] = "rzp_test_1", ["Razorpay:KeySecret"] = "s" }, "Testing"), StringComparison.Ordinal);
    }

    [Fact]
    public void Timeouts_and_retries_are_checked()
    {
        Assert.Contains("AttemptTimeout", Refusal(new(Keys) { ["Razorpay:AttemptTimeout"] = "00:01:00", ["Razorpay:TotalTimeout"] = "00:00:30" }, "Production"), StringComparison.Ordinal);
        Assert.Contains("MaxRetries", Refusal(new(Keys) { ["Razorpay:MaxRetries"] = "-1" }, "Production"), StringComparison.Ordinal);
    }
}
