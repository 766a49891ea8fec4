using Diecast.Api.GraphQL.Protection;
using Diecast.Api.Security;
using Diecast.GraphQL.Querying.Sorting;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Diecast.Api.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP at one path, following the GraphQL-over-HTTP spec: POST (JSON) for everything,
/// GET for queries only, <c>application/graphql-response+json</c> or <c>application/json</c> by the Accept header,
/// 400 when a request cannot be executed and 200 once execution has produced data.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<ISchema> executer,
    IGraphQLSerializer serializer,
    IDocumentBuilder documentBuilder,
    GraphQLHttpRequestReader reader,
    TrustedDocumentStore trustedDocuments,
    ILogger<GraphQLHttpEndpoint> logger)
{
    private const int InitialResponseBufferBytes = 4096;

    public async Task HandleAsync(HttpContext http)
    {
        string responseType;
        try
        {
            responseType = GraphQLMediaTypes.Negotiate(http.Request.Headers.Accept)
                ?? throw new GraphQLRequestException(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", $"The response can only be '{GraphQLMediaTypes.GraphQLResponse}' or '{GraphQLMediaTypes.Json}'.");
        }
        catch (FormatException exception)
        {
            await WriteRequestErrorAsync(http, GraphQLMediaTypes.Json, new GraphQLRequestException(StatusCodes.Status400BadRequest, "ACCEPT_INVALID", exception.Message));
            return;
        }
        catch (GraphQLRequestException exception)
        {
            await WriteRequestErrorAsync(http, GraphQLMediaTypes.Json, exception);
            return;
        }

        try
        {
            RefuseInvalidCredentials(http);
            var request = await reader.ReadAsync(http.Request, http.RequestAborted);
            var document = HttpMethods.IsGet(http.Request.Method) ? ParseQueryForGet(request, http) : null;
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                DocumentId = request.DocumentId,
                Document = document,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = http.RequestServices,
                // Sort objects apply their fields in the order written, which only the raw JSON still has.
                UserContext = new Dictionary<string, object?>
                {
                    [WrittenOrder.RawVariablesKey] = request.Variables,
                    [RateLimitClient.UserContextKey] = RateLimitClient.Of(http),
                },
                User = http.User,
                CancellationToken = http.RequestAborted,
            });

            if (result.Errors?.OfType<RateLimitedError>().FirstOrDefault() is { } limited)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                // application/json keeps the pre-spec behaviour of 200 for every well-formed request.
                http.Response.StatusCode = responseType == GraphQLMediaTypes.Json || result.Executed
                    ? StatusCodes.Status200OK
                    : RefusedStatus(result);
            }

            await WriteAsync(http, responseType, result);
        }
        catch (GraphQLRequestException exception)
        {
            await WriteRequestErrorAsync(http, responseType, exception);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            logger.LogDebug("The client went away before its GraphQL request finished");
        }
    }

    /// <summary>
    /// Parses a GET request's document to refuse mutations before anything runs: GET must be safe, so
    /// caches and prefetchers cannot change state. A document that does not parse is left to the executer,
    /// which reports the syntax error in the usual shape. A trusted document's id is looked up (it was parsed at
    /// start) and left to the executer, which then serves it from the document cache by id.
    /// </summary>
    private GraphQLDocument? ParseQueryForGet(GraphQLHttpRequest request, HttpContext http)
    {
        if (request.Query is not { } query)
        {
            if (request.DocumentId is { } id && trustedDocuments.Find(id) is { } trusted)
            {
                RefuseUnsafeOperation(trusted.Document, request, http);
            }

            return null;
        }

        GraphQLDocument document;
        try
        {
            document = documentBuilder.Build(query);
        }
        catch (GraphQLParserException)
        {
            return null;
        }

        RefuseUnsafeOperation(document, request, http);
        return document;
    }

    private static void RefuseUnsafeOperation(GraphQLDocument document, GraphQLHttpRequest request, HttpContext http)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.Find(o => o.Name?.StringValue == request.OperationName);
        if (operation is { Operation: not OperationType.Query })
        {
            http.Response.Headers.Allow = "POST";
            throw new GraphQLRequestException(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.");
        }
    }

    /// <summary>
    /// A request that brings credentials which do not check out (expired, forged, wrong audience, unsigned, not a
    /// bearer token at all) is refused outright rather than run as anonymous: the caller meant to be someone, and
    /// should learn that it is not.
    /// </summary>
    private static void RefuseInvalidCredentials(HttpContext http)
    {
        if (http.Request.Headers.Authorization.Count == 0 || http.User.Identity?.IsAuthenticated == true)
        {
            return;
        }

        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        throw new GraphQLRequestException(StatusCodes.Status401Unauthorized, FieldAuthorization.NotAuthenticated, "The access token is invalid or has expired.");
    }

    /// <summary>400 for a document that cannot run; 401/403 when it was refused for who the caller is (as HotChocolate does).</summary>
    private static int RefusedStatus(ExecutionResult result) =>
        result.Errors?.FirstOrDefault(e => e.Code is FieldAuthorization.NotAuthenticated or FieldAuthorization.NotAuthorized)?.Code switch
        {
            FieldAuthorization.NotAuthenticated => StatusCodes.Status401Unauthorized,
            FieldAuthorization.NotAuthorized => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };

    private async Task WriteRequestErrorAsync(HttpContext http, string responseType, GraphQLRequestException exception)
    {
        http.Response.StatusCode = exception.StatusCode;
        var result = new ExecutionResult { Errors = [new ExecutionError(exception.Message) { Code = exception.Code }] };
        await WriteAsync(http, responseType, result);
    }

    /// <summary>
    /// Serializes the whole result before sending it: with a Content-Length the response leaves in one write, where
    /// streaming into the body would add chunked framing and a separate write for the closing chunk to every request.
    /// Results are small (the complexity limit bounds them), so buffering costs little.
    /// </summary>
    private async Task WriteAsync(HttpContext http, string responseType, ExecutionResult result)
    {
        using var buffer = new MemoryStream(InitialResponseBufferBytes);
        await serializer.WriteAsync(buffer, result, http.RequestAborted);
        http.Response.ContentType = responseType + "; charset=utf-8";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }
}
