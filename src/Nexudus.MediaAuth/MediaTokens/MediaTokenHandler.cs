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
using Nexudus.MediaAuth.Redaction;

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
    /// <param name="continuation">Keeps a file readable by the browser that opened it after its token expired.</param>
    public MediaTokenHandler(IOptionsMonitor<MediaTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder, MediaTokenSchemeStates schemeStates, MediaAuthMetrics metrics, MediaTokenContinuation continuation)
        : base(options, logger, encoder)
    {
        _schemeStates = schemeStates;
        _metrics = metrics;
        _continuation = continuation;
    }

    private readonly MediaTokenSchemeStates _schemeStates;
    private readonly MediaAuthMetrics _metrics;
    private readonly MediaTokenContinuation _continuation;

    /// <summary>
    /// The handler calls methods on the events, which give the application control at points where processing occurs.
    /// </summary>
    private new MediaTokenEvents Events => (MediaTokenEvents)base.Events!;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new MediaTokenEvents());

    /// <inheritdoc />
    /// <remarks>
    /// A request whose token can be checked with the keys at hand, with nobody listening to
    /// <see cref="MediaTokenEvents.OnMessageReceived"/> or <see cref="MediaTokenEvents.OnTokenValidated"/>, completes
    /// synchronously and reads the token where it lies in the query string: that is most requests, and each step
    /// they skip (the event context, the parsed query collection, a copy of the token, a state machine) costs about
    /// what the rest of the handler does.
    /// </remarks>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Events.ObservesMessageReceived ? AuthenticateAfterMessageReceivedAsync() : AuthenticateQueryToken();

    private async Task<AuthenticateResult> AuthenticateAfterMessageReceivedAsync()
    {
        var messageReceived = new MediaTokenMessageReceivedContext(Context, Scheme, Options);
        await Events.MessageReceived(messageReceived);
        if (messageReceived.Result is not null)
        {
            return messageReceived.Result;
        }

        return await (messageReceived.Token is { } token ? AuthenticateToken(token.AsMemory()) : AuthenticateQueryToken());
    }

    private Task<AuthenticateResult> AuthenticateQueryToken() =>
        SingleQueryValue.Read(RedactedQueryFeature.Read(Request), Options.QueryParameterName, out var token) switch
        {
            QueryValueOccurrence.Once => AuthenticateToken(token),
            QueryValueOccurrence.Repeated => FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.Repeated, "The token parameter appears more than once.")),
            _ => Task.FromResult(Continue() ?? AuthenticateResult.NoResult()),
        };

    private Task<AuthenticateResult> AuthenticateToken(ReadOnlyMemory<char> token)
    {
        var state = _schemeStates.Get(Scheme.Name, Options);
        var jwks = state.JwksKeySource;
        if (jwks is null)
        {
            var validator = state.Validator;
            return Complete(validator, validator.Validate(token.Span, TimeProvider.GetUtcNow()), token);
        }

        var pending = jwks.GetValidatorAsync();
        return pending.IsCompletedSuccessfully
            ? AuthenticateWithKeySource(jwks, pending.Result, token)
            : AuthenticateAfterFetchAsync(jwks, pending, token);
    }

    private async Task<AuthenticateResult> AuthenticateAfterFetchAsync(MediaTokenJwksKeySource jwks, ValueTask<MediaTokenValidator?> pending, ReadOnlyMemory<char> token) =>
        await AuthenticateWithKeySource(jwks, await pending, token);

    private Task<AuthenticateResult> AuthenticateWithKeySource(MediaTokenJwksKeySource jwks, MediaTokenValidator? validator, ReadOnlyMemory<char> token)
    {
        if (validator is null)
        {
            return FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.KeysUnavailable, "The keys that validate the token are unavailable."));
        }

        var validation = validator.Validate(token.Span, TimeProvider.GetUtcNow());
        return IsUnknownKey(validation)
            ? AuthenticateAfterUnknownKeyAsync(jwks, validator, validation, token)
            : Complete(validator, validation, token);
    }

    private async Task<AuthenticateResult> AuthenticateAfterUnknownKeyAsync(
        MediaTokenJwksKeySource jwks, MediaTokenValidator validator, MediaTokenValidationResult validation, ReadOnlyMemory<char> token)
    {
        if (await jwks.RefreshForUnknownKeyAsync(validator) is { } refreshed)
        {
            // The issuer may have rotated to a key published after the last fetch.
            validator = refreshed;
            validation = validator.Validate(token.Span, TimeProvider.GetUtcNow());
        }

        return await Complete(validator, validation, token);
    }

    private static bool IsUnknownKey(MediaTokenValidationResult validation) =>
        validation.Failure is MediaTokenUnknownKeyException { KeyIdLength: > 0 };

    private Task<AuthenticateResult> Complete(MediaTokenValidator validator, MediaTokenValidationResult validation, ReadOnlyMemory<char> token)
    {
        if (!validation.IsValid)
        {
            // Only an expired token gives way to the continuation: any other failure is an attack or a bug to report.
            return validation.Failure is SecurityTokenExpiredException && Continue() is { } continued
                ? Task.FromResult(continued)
                : FailAsync(validation.Failure);
        }

        // Checked per request, after the cache too: an entry records what the token proved, not where it was presented.
        if (validation.Token.Resource is { } resource)
        {
            if (!MediaTokenResource.Matches(resource, Request.PathBase, Request.Path))
            {
                return FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.Resource, "The token is not valid for this resource."));
            }
        }
        else if (Options.RequireResourceBinding)
        {
            return FailAsync(new MediaTokenRejectedException(MediaTokenRejectionReason.Resource, "The token is not bound to a resource."));
        }

        var principal = new ClaimsPrincipal(validator.CreateIdentity(validation.Token));
        if (Events.ObservesTokenValidated)
        {
            return RaiseTokenValidatedAsync(principal, new JsonWebToken(token.ToString()) { SigningKey = validation.Token.SigningKey }, validation.Token, validation.FromCache);
        }

        Accept(validation.Token, validation.FromCache);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    private async Task<AuthenticateResult> RaiseTokenValidatedAsync(ClaimsPrincipal principal, JsonWebToken securityToken, ValidatedMediaToken validated, bool fromCache)
    {
        var tokenValidated = new MediaTokenValidatedContext(Context, Scheme, Options, securityToken)
        {
            Principal = principal,
        };
        await Events.TokenValidated(tokenValidated);
        if (tokenValidated.Result is null)
        {
            tokenValidated.Success();
        }

        if (tokenValidated.Result!.Succeeded)
        {
            Accept(validated, fromCache);
        }

        return tokenValidated.Result;
    }

    /// <summary>
    /// Records a sign-in only once nothing can refuse it any more, <see cref="MediaTokenEvents.OnTokenValidated"/>
    /// included, so that the <c>validated</c> metric counts customers signed in, not tokens that passed the checks.
    /// </summary>
    private void Accept(ValidatedMediaToken token, bool fromCache)
    {
        _metrics.MediaTokenValidated(Scheme.Name, fromCache);
        Logger.TokenValidated(Scheme.Name);
        SendNoStoreHeaders();
        _continuation.Grant(Context, Scheme.Name, Options, token);
    }

    /// <summary>
    /// Signs in the customer whose continuation cookie the request carries for this file, when it has one (see
    /// <see cref="MediaTokenContinuation"/>); <see langword="null"/> otherwise.
    /// </summary>
    private AuthenticateResult? Continue()
    {
        if (_continuation.Authenticate(Context, Scheme.Name, Options, TimeProvider.GetUtcNow()) is not { } principal)
        {
            return null;
        }

        SendNoStoreHeaders();
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>
    /// Keeps a response that a URL token unlocked out of shared and browser caches, and keeps the URL, token included,
    /// out of the <c>Referer</c> of anything the response links to or loads.
    /// </summary>
    private void SendNoStoreHeaders()
    {
        if (Options.SendNoStoreHeaders)
        {
            Response.Headers.CacheControl = "private, no-store";
            Response.Headers["Referrer-Policy"] = "no-referrer";
        }
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
        await Events.AuthenticationFailed(failed);
        return failed.Result ?? AuthenticateResult.Fail(failed.Exception);
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var authResult = await HandleAuthenticateOnceSafeAsync();
        var challenge = new MediaTokenChallengeContext(Context, Scheme, Options, properties)
        {
            AuthenticateFailure = authResult.Failure,
        };

        if (authResult.Failure is not null)
        {
            challenge.Error = "invalid_token";
            challenge.ErrorDescription = DescribeFailure(authResult.Failure);
        }

        await Events.Challenge(challenge);
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
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var forbidden = new MediaTokenForbiddenContext(Context, Scheme, Options);
        await Events.Forbidden(forbidden);
        // Once the response has started its status is on the wire and can no longer change (setting it would throw),
        // as when an endpoint streaming a file forbids part-way; JwtBearerHandler leaves such a response alone too.
        if (forbidden.Result is null && !Response.HasStarted)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
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
