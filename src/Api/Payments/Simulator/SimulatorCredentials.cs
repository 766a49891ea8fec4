using System.Security.Cryptography;

namespace Diecast.Api.Payments.Simulator;

/// <summary>
/// The key id, key secret and webhook secret the payment simulator signs with: random per process, never committed or
/// stored. They only need to agree within this process, whose simulator state lives in its memory as well.
/// </summary>
public sealed class SimulatorCredentials
{
    public string KeyId { get; } = "rzp_test_sim" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public string KeySecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public string WebhookSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
