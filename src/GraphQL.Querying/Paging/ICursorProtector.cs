using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Diecast.GraphQL.Querying.Paging;

/// <summary>Makes cursors opaque and tamper-proof: a cursor this server did not issue does not open.</summary>
public interface ICursorProtector
{
    string Protect(byte[] payload);

    bool TryUnprotect(string cursor, out byte[] payload);
}

/// <summary>
/// ASP.NET Core Data Protection (authenticated encryption). With the key ring in shared storage, every instance
/// opens every other instance's cursors.
/// </summary>
public sealed class DataProtectionCursorProtector(IDataProtectionProvider provider) : ICursorProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Diecast.GraphQL.Querying.Cursor.v1");

    public string Protect(byte[] payload) => WebEncoders.Base64UrlEncode(_protector.Protect(payload));

    public bool TryUnprotect(string cursor, out byte[] payload)
    {
        payload = [];
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(cursor));
            return true;
        }
        catch (Exception exception) when (exception is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
