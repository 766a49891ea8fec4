using System.Net;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// A Razorpay call that did not succeed: Razorpay's error body (razorpay.md §1 "Error body": code such as
/// BAD_REQUEST_ERROR, GATEWAY_ERROR, SERVER_ERROR, its description and field), or no answer at all (timeout, connection
/// lost: <see cref="StatusCode"/> null). The message names the call and never holds a key, secret or header.
/// </summary>
public class RazorpayException : Exception
{
    public RazorpayException()
    {
    }

    public RazorpayException(string message)
        : base(message)
    {
    }

    public RazorpayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RazorpayException(string message, HttpStatusCode? statusCode, string? code, string? field, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
        Field = field;
        IsTransient = isTransient;
    }

    /// <summary>Razorpay's HTTP status; null when no answer came (timeout, connection lost).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Razorpay's <c>error.code</c> (BAD_REQUEST_ERROR, GATEWAY_ERROR, SERVER_ERROR), when it sent one.</summary>
    public string? Code { get; }

    /// <summary>Razorpay's <c>error.field</c>: the request field it refused (e.g. amount), when it named one.</summary>
    public string? Field { get; }

    /// <summary>
    /// Whether trying again later may succeed: no answer, 5xx, 429 (rate limited) or 409 (an idempotent refund still in
    /// flight). A 4xx answer is not: the same request would be refused again. After a transient failure of a call that
    /// is not idempotent (POST /v1/orders) the call may still have taken effect.
    /// </summary>
    public bool IsTransient { get; }
}
