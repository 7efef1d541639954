using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.Hosting;
using Nexudus.MediaAuth.MediaTokens.Continuation;
using Nexudus.MediaAuth.MediaTokens.Keys;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Authenticates requests that carry a media token in the query string (<c>?t={jwt}</c>).
/// </summary>
/// <remarks>
/// A request without the parameter gets <see cref="AuthenticateResult.NoResult"/>, so an endpoint may fall back to
/// other schemes. The token is read from the query string only, and exactly once: a repeated parameter is rejected.
/// </remarks>
internal sealed class MediaTokenHandler : AuthenticationHandler<MediaTokenOptions>
{
    /// <summary>
    /// Creates the handler.
    /// </summary>
    /// <param name="options">The options monitor of all media token schemes.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="schemeStates">The keys and validator of each media token scheme.</param>
    /// <param name="metrics">The instruments the handler records to.</param>
    public MediaTokenHandler(IOptionsMonitor<MediaTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder, MediaTokenSchemeStates schemeStates, MediaAuthMetrics metrics)
        : base(options, logger, encoder)
    {
        _schemeStates = schemeStates;
        _metrics = metrics;
    }

    private readonly MediaTokenSchemeStates _schemeStates;
    private readonly MediaAuthMetrics _metrics;

    /// <summary>
    /// The handler calls methods on the events, which give the application control at points where processing occurs.
    /// </summary>
    private new MediaTokenEvents Events => (MediaTokenEvents)base.Events!;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new MediaTokenEvents());

    /// <inheritdoc />
    /// <remarks>
    /// The path reads in order: the token, the keys, the reader and the checks, the resource binding, the principal, the
    /// events. A request whose keys are at hand, with nobody listening to <see cref="MediaTokenEvents.OnMessageReceived"/>
    /// or <see cref="MediaTokenEvents.OnTokenValidated"/>, awaits nothing that is not already complete, so it runs
    /// synchronously on the stack (benchmarks/README.md): it reads the token where it lies in the query string and makes
    /// no event context, no parsed query collection and no copy of the token. That is most requests.
    /// </remarks>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // 1. The token: from OnMessageReceived when someone listens, otherwise exactly once from the client's query.
        string? eventToken = null;
        if (Events.ObservesMessageReceived)
        {
            var messageReceived = new MediaTokenMessageReceivedContext(Context, Scheme, Options);
            await Events.OnMessageReceived(messageReceived);
            if (messageReceived.Result is not null)
            {
                return messageReceived.Result;
            }

            eventToken = messageReceived.Token;
        }

        // The file's continuation cookie, where the endpoint allows one: read once, checked at most once.
        var state = _schemeStates.Get(Scheme.Name, Options);
        var continuation = MediaTokenContinuation.Applies(Context, Options.ContinuationLifetime)
            ? MediaTokenContinuation.Find(Context, Scheme.Name)
            : ReadOnlyMemory<char>.Empty;
        var token = eventToken.AsMemory();
        if (eventToken is null)
        {
            switch (SingleQueryValue.Read(RedactedQueryFeature.Read(Request), QueryParameterNames.MediaToken, out token))
            {
                case QueryValueOccurrence.Absent:
                    return Continue(state, continuation) ?? AuthenticateResult.NoResult();
                case QueryValueOccurrence.Repeated:
                    return await FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.Repeated, "The token parameter appears more than once."));
            }
        }

        // The cookie answers before the token, sparing its decoding and signature, for the token that opened the file
        // (whose proof the cookie carries) and for a token that says it has expired (which can never pass).
        if (!continuation.IsEmpty
            && (MediaTokenContinuation.WasOpenedBy(continuation.Span, token.Span) || state.Validator.SaysExpired(token.Span, TimeProvider.GetUtcNow())))
        {
            if (Continue(state, continuation) is { } continuedEarly)
            {
                return continuedEarly;
            }

            continuation = ReadOnlyMemory<char>.Empty;
        }

        // 2. The keys: the scheme's own, or its JWKS (fetched on first use, then refreshed in the background).
        if (await state.KeySource.GetKeysAsync() is not { } keys)
        {
            return await FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.KeysUnavailable, "The keys that validate the token are unavailable."));
        }

        // 3. The reader and the checks; a kid the keys lack may be a key the issuer rotated to since they were fetched.
        var validator = state.ValidatorFor(keys);
        var validation = validator.Validate(token.Span, TimeProvider.GetUtcNow());
        if (validation.Failure is MediaTokenUnknownKeyException { KeyIdLength: > 0 }
            && await state.KeySource.RefreshForUnknownKeyAsync(keys) is { } refreshed)
        {
            validator = state.ValidatorFor(refreshed);
            validation = validator.Validate(token.Span, TimeProvider.GetUtcNow());
        }

        if (!validation.IsValid)
        {
            // Only an expired token gives way to the continuation: any other failure is an attack or a bug to report.
            return validation.Failure is SecurityTokenExpiredException && Continue(state, continuation) is { } continued
                ? continued
                : await FailAsync(validation.Failure);
        }

        // 4. The resource binding, checked per request, after the cache too: an entry records what the token proved, not
        //    where it was presented.
        if (validation.Token.Resource is { } resource)
        {
            if (!MediaTokenResource.Matches(resource, Request.PathBase, Request.Path))
            {
                return await FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.Resource, "The token is not valid for this resource."));
            }
        }
        else if (Options.RequireResourceBinding)
        {
            return await FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.Resource, "The token is not bound to a resource."));
        }

        // 5. The principal: the customer id and nothing else.
        var principal = new ClaimsPrincipal(validator.CreateIdentity(validation.Token));

        // 6. The events: OnTokenValidated gets a parsed token only when someone listens, and may still refuse.
        var result = AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        if (Events.ObservesTokenValidated)
        {
            var tokenValidated = new MediaTokenValidatedContext(Context, Scheme, Options, new JsonWebToken(token.ToString()) { SigningKey = validation.Token.SigningKey })
            {
                Principal = principal,
            };
            await Events.OnTokenValidated(tokenValidated);
            if (tokenValidated.Result is null)
            {
                tokenValidated.Success();
            }

            result = tokenValidated.Result!;
        }

        if (result.Succeeded)
        {
            Accept(state, validation.Token, validation.FromCache, token.Span);
        }

        return result;
    }

    /// <summary>
    /// Records a sign-in only once nothing can refuse it any more, <see cref="MediaTokenEvents.OnTokenValidated"/>
    /// included, so that the <c>validated</c> metric counts customers signed in, not tokens that passed the checks.
    /// </summary>
    private void Accept(MediaTokenSchemeState state, ValidatedMediaToken token, bool fromCache, ReadOnlySpan<char> tokenText)
    {
        _metrics.MediaTokenValidated(Scheme.Name, fromCache);
        Logger.TokenValidated(Scheme.Name);
        SendNoStoreHeaders();
        ExposeDisposition(token);
        MediaTokenContinuation.Grant(Context, Scheme.Name, Options.ContinuationLifetime, state.Issuing.Credentials, token, tokenText);
    }

    /// <summary>
    /// Signs in the customer whose continuation <paramref name="cookie"/> the request carries for this file, when it
    /// has one that holds (see <see cref="MediaTokenContinuation"/>); <see langword="null"/> otherwise.
    /// </summary>
    private AuthenticateResult? Continue(MediaTokenSchemeState state, ReadOnlyMemory<char> cookie)
    {
        if (cookie.IsEmpty
            || MediaTokenContinuation.Authenticate(Context, Scheme.Name, cookie.Span, state.Issuing.Credentials, state.Validator, TimeProvider.GetUtcNow()) is not { } continued)
        {
            return null;
        }

        SendNoStoreHeaders();
        ExposeDisposition(continued);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(state.Validator.CreateIdentity(continued)), Scheme.Name));
    }

    /// <summary>
    /// Hands the disposition the token was issued with to the endpoint (<c>SetMediaTokenContentDisposition()</c>), when
    /// it names one.
    /// </summary>
    private void ExposeDisposition(ValidatedMediaToken token)
    {
        if (MediaTokenDispositionFeature.Of(token.Disposition) is { } feature)
        {
            Context.Features.Set(feature);
        }
    }

    /// <summary>
    /// Keeps a response that a URL token unlocked out of shared and browser caches, and keeps the URL, token included,
    /// out of the <c>Referer</c> of anything the response links to or loads. The endpoint may still replace them.
    /// </summary>
    private void SendNoStoreHeaders()
    {
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private async Task<AuthenticateResult> FailAsync(Exception failure)
    {
        if (failure is MediaTokenUnknownKeyException unknownKey)
        {
            Logger.UnknownKeyId(Scheme.Name, unknownKey.KeyIdLength);
        }
        else
        {
            Logger.TokenRejected(Scheme.Name, DescribeFailure(failure));
        }

        var reason = MediaTokenRejectionReason.Of(failure);
        _metrics.MediaTokenRejected(Scheme.Name, reason);
        MediaAuthActivitySource.AddMediaTokenRejected(Scheme.Name, reason);
        var failed = new MediaTokenAuthenticationFailedContext(Context, Scheme, Options, failure);
        await Events.OnAuthenticationFailed(failed);
        return failed.Result ?? AuthenticateResult.Fail(failed.Exception);
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var authResult = await HandleAuthenticateOnceSafeAsync();
        var challenge = new MediaTokenChallengeContext(Context, Scheme, Options, properties);
        if (authResult.Failure is not null)
        {
            challenge.Error = "invalid_token";
            challenge.ErrorDescription = DescribeFailure(authResult.Failure);
        }

        await Events.OnChallenge(challenge);
        if (challenge.Handled)
        {
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, BuildWwwAuthenticate(challenge));
        if (challenge.Error is null)
        {
            return;
        }

        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "The media token is invalid.",
            detail: challenge.ErrorDescription,
            type: "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1").ExecuteAsync(Context);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // Once the response has started its status is on the wire and can no longer change (setting it would throw),
        // as when an endpoint streaming a file forbids part-way; JwtBearerHandler leaves such a response alone too.
        if (!Response.HasStarted)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }

    private string BuildWwwAuthenticate(MediaTokenChallengeContext challenge)
    {
        if (challenge.Error is null)
        {
            return Scheme.Name;
        }

        return challenge.ErrorDescription is null
            ? $"{Scheme.Name} error=\"{challenge.Error}\""
            : $"{Scheme.Name} error=\"{challenge.Error}\", error_description=\"{challenge.ErrorDescription}\"";
    }

    /// <summary>
    /// Says which check failed, in words safe to send to the client: never the token, never a customer's existence.
    /// </summary>
    internal static string DescribeFailure(Exception failure) => failure switch
    {
        MediaTokenRejectedException rejected => rejected.Message,
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiration time.",
        SecurityTokenInvalidAudienceException => "The token's audience is invalid.",
        SecurityTokenInvalidIssuerException => "The token's issuer is invalid.",
        SecurityTokenInvalidTypeException => "The token is not a media token.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not allowed.",
        SecurityTokenSignatureKeyNotFoundException => "The token's signing key is unknown.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        _ => "The token is invalid.",
    };
}
