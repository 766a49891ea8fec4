using Diecast.GraphQL.Server.Authorization;
using Diecast.GraphQL.Server.Protection.RateLimiting;
using GraphQL.Execution;

namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// GraphQL over HTTP at one path, following the GraphQL-over-HTTP spec: POST (JSON) for everything,
/// GET for queries only, multipart POST for uploads (<see cref="MultipartRequestReader"/>), <c>application/graphql-response+json</c> or <c>application/json</c> by the Accept header,
/// 400 when a request cannot be executed and 200 once execution has produced data.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<ISchema> executer,
    IGraphQLSerializer serializer,
    GraphQLHttpRequestReader reader,
    MultipartRequestReader multipartReader,
    IEnumerable<IGraphQLUserContextBuilder> userContextBuilders,
    IOptions<RateLimitOptions> rateLimits,
    ILogger<GraphQLHttpEndpoint> logger,
    IResolverFailureClassifier? classifier = null)
{
    private const int InitialResponseBufferBytes = 4096;

    /// <summary>
    /// Seconds a client is asked to wait after a retryable failure (a database outage) cost its whole request: a
    /// database restarts in seconds, and the server reconnects as soon as it is back.
    /// </summary>
    public const int UnavailableRetryAfterSeconds = 1;

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
            var request = HttpMethods.IsPost(http.Request.Method) && MultipartRequestReader.IsMultipart(http.Request.ContentType)
                ? await multipartReader.ReadAsync(http, http.RequestAborted)
                : await reader.ReadAsync(http.Request, http.RequestAborted);
            var userContext = new Dictionary<string, object?>
            {
                [RateLimitClient.UserContextKey] = RateLimitClient.Of(http, rateLimits.Value),
            };
            if (HttpMethods.IsGet(http.Request.Method))
            {
                userContext[GetRunsQueriesOnlyRule.GetRequestKey] = true;
            }

            if (request.UploadVariables is { } uploadVariables)
            {
                userContext[UploadVariablesRule.UploadVariablesKey] = uploadVariables;
            }

            foreach (var builder in userContextBuilders)
            {
                builder.Build(userContext, http, request);
            }

            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                DocumentId = request.DocumentId,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = http.RequestServices,
                UserContext = userContext,
                User = http.User,
                CancellationToken = http.RequestAborted,
            });

            MarkFailuresAfterMutations(result);
            SetStatus(http.Response, result, responseType);
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

    /// <summary>
    /// Refusals of how or how often a request was sent (405, 429) hold for both media types. Otherwise
    /// application/json keeps the pre-spec 200 for every well-formed request, while graphql-response+json gets 200
    /// once execution has produced data, 400 for a document that cannot run, and 401/403 when it was refused for
    /// who the caller is (as HotChocolate does).
    /// </summary>
    private void SetStatus(HttpResponse response, ExecutionResult result, string responseType)
    {
        foreach (var error in result.Errors ?? [])
        {
            switch (error)
            {
                case MethodNotAllowedError:
                    response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    response.Headers.Allow = "POST";
                    return;
                case RateLimitedError limited:
                    response.StatusCode = StatusCodes.Status429TooManyRequests;
                    response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return;
            }
        }

        if (FailedWholeForRetryableFailure(result))
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = UnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        response.StatusCode = responseType == GraphQLMediaTypes.Json || result.Executed
            ? StatusCodes.Status200OK
            : result.Errors?.FirstOrDefault(e => e.Code is FieldAuthorization.NotAuthenticated or FieldAuthorization.NotAuthorized)?.Code switch
            {
                FieldAuthorization.NotAuthenticated => StatusCodes.Status401Unauthorized,
                FieldAuthorization.NotAuthorized => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
    }

    /// <summary>
    /// A mutation's payload is resolved after its change was committed; a field below it that reads more (a loaded list
    /// of children) and fails must not tell the client to retry the mutation, which would apply the change twice.
    /// </summary>
    private static void MarkFailuresAfterMutations(ExecutionResult result)
    {
        if (result.Operation?.Operation != GraphQLParser.AST.OperationType.Mutation)
        {
            return;
        }

        foreach (var error in result.Errors ?? [])
        {
            if (error is UnhandledError && error.Path?.Count() > 1)
            {
                error.Data[ResolverFailure.AfterMutationKey] = true;
            }
        }
    }

    /// <summary>
    /// The database's unavailability (or timeout) cost the request everything: no root field has a value, and a
    /// retryable failure (as the <see cref="IResolverFailureClassifier"/> tells) is among the errors. Partial data stays 200, as any result with data.
    /// </summary>
    private bool FailedWholeForRetryableFailure(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors
            || !errors.Any(e => e is UnhandledError { InnerException: var cause } && cause is not null && !e.Data.Contains(ResolverFailure.AfterMutationKey) && classifier?.Classify(cause, afterMutation: false) is { Retryable: true }))
        {
            return false;
        }

        return result.Data switch
        {
            null => true,
            ObjectExecutionNode root => root.SubFields is null || root.SubFields.All(field => field.ToValue() is null),
            _ => false,
        };
    }

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
        // A result echoes what the caller sent (strings in errors, data it stored); no browser may read it as HTML.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }
}
