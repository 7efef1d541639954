using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// Maps the endpoints that issue and redeem one-time tokens.
/// </summary>
public static class OneTimeTokenEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the one-time token endpoints:
    /// <list type="bullet">
    /// <item><c>POST /api/sys/users/token/refresh</c>: issues a token to the bearer-authenticated customer, in the
    /// <see cref="ActionConfirmation"/> envelope (honouring <c>_shape</c>).</item>
    /// <item><c>GET {LoginPath}?t={token}&amp;redirectUrl={path}</c> (and <c>/{culture}{LoginPath}</c>): redeems the token,
    /// signs the customer in with <see cref="OneTimeTokenOptions.SignInScheme"/> and redirects to the local
    /// <c>redirectUrl</c>.</item>
    /// <item><c>POST /api/sys/users/exchange?token={token}&amp;validForInMinutes={n}</c>: redeems the token for a bearer
    /// token of <see cref="OneTimeTokenOptions.BearerScheme"/>.</item>
    /// </list>
    /// Requires <c>AddOneTimeTokens()</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>A convention builder for the mapped endpoints.</returns>
    public static IEndpointConventionBuilder MapOneTimeTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<OneTimeTokenOptions>>().Value;
        EnsureSchemesExist(endpoints.ServiceProvider, options);
        var all = endpoints.MapGroup(string.Empty).WithTags("One-time tokens");

        all.MapCustomerGroup("/api/sys/users").MapPost("/token/refresh", IssueAsync)
            .LimitIssuesPerCustomer(IssuedTokenKind.OneTimeToken)
            .WithName("IssueOneTimeToken")
            .WithSummary("Get a one-time token")
            .WithDescription("Issues a short-lived, single-use opaque token tied to the authenticated customer, for authenticated redirect URLs: /user/login?server=true&t={Value}&redirectUrl={path}. Keep the link disabled until WasSuccessful is true. Not an OAuth refresh: the bearer token is unchanged. _shape=Value,WasSuccessful keeps only the named fields.");

        all.MapPost("/api/sys/users/exchange", ExchangeAsync)
            .AllowAnonymous()
            .WithMetadata(TokenResponseMetadata.Instance)
            .WithName("ExchangeOneTimeToken")
            .WithSummary("Exchange a one-time token for a bearer token")
            .WithDescription("Redeems a one-time token (the credential; no other authentication) for a bearer token and refresh token. The token is single-use.")
            .WithMetadata(
                new QueryParameterMetadata("token", QueryParameterDocumentation.ExchangeToken),
                new QueryParameterMetadata("validForInMinutes", QueryParameterDocumentation.ExchangeLifetime),
                ResponseMetadata.Problem(StatusCodes.Status400BadRequest, "A query parameter is missing, repeated or malformed."),
                ResponseMetadata.Problem(StatusCodes.Status401Unauthorized, "The token is invalid, expired or already used."),
                ResponseMetadata.Problem(StatusCodes.Status503ServiceUnavailable, "The token store is unavailable; try again later."));

        all.MapGet(options.LoginPath, LoginAsync)
            .AllowAnonymous()
            .WithName("RedeemOneTimeTokenLogin")
            .WithSummary("Sign in with a one-time token and redirect")
            .ExcludeFromDescription();

        if (options.AllowCulturePrefix)
        {
            all.MapGet("/{culture}" + options.LoginPath, LoginAsync)
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return all;
    }

    private static async Task<ActionConfirmationResult> IssueAsync(
        HttpContext context,
        [FromQuery(Name = "_shape")] string? shape,
        IOneTimeTokenService tokens,
        ILogger<IOneTimeTokenService> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        string token;
        try
        {
            token = await tokens.IssueAsync(context.User, context.RequestAborted);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.OneTimeTokenStoreFailed("issue", exception);
            return new ActionConfirmationResult(
                new ActionConfirmation
                {
                    WasSuccessful = false,
                    Status = StatusCodes.Status500InternalServerError,
                    Message = "The one-time token could not be issued. Try again later.",
                },
                shape);
        }

        return new ActionConfirmationResult(
            new ActionConfirmation { WasSuccessful = true, Value = token, Status = StatusCodes.Status200OK },
            shape);
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> LoginAsync(
        HttpContext context,
        IOneTimeTokenService tokens,
        IOptions<OneTimeTokenOptions> optionsAccessor,
        ILogger<IOneTimeTokenService> logger)
    {
        if (context.GetRouteValue("culture") is string culture && !IsCultureName(culture))
        {
            return TypedResults.NotFound();
        }

        var options = optionsAccessor.Value;
        var response = context.Response;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";

        var query = context.Request.Query;
        var tokenValues = query["t"];
        var redemption = tokenValues.Count == 1
            ? await RedeemAsync(tokens, tokenValues[0], logger, context.RequestAborted)
            : null;
        if (redemption is null || !redemption.Succeeded)
        {
            return TypedResults.Redirect(options.DefaultRedirectPath);
        }

        await context.SignInAsync(options.SignInScheme, redemption.Principal);

        var redirectValues = query["redirectUrl"];
        var target = redirectValues.Count == 1 && LocalRedirectUrl.IsLocal(redirectValues[0])
            ? redirectValues[0]!
            : options.DefaultRedirectPath;
        return TypedResults.Redirect(target);
    }

    private static async Task<Results<Ok<ExchangedToken>, ProblemHttpResult>> ExchangeAsync(
        HttpContext context,
        IOneTimeTokenService tokens,
        IOptions<OneTimeTokenOptions> optionsAccessor,
        IOptionsMonitor<BearerTokenOptions> bearerOptionsMonitor,
        TimeProvider timeProvider,
        ILogger<IOneTimeTokenService> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        var query = context.Request.Query;
        var tokenValues = query["token"];
        if (tokenValues.Count != 1 || string.IsNullOrEmpty(tokenValues[0]))
        {
            return BadRequest("The 'token' query parameter is required once.");
        }

        var minutesValues = query["validForInMinutes"];
        if (minutesValues.Count != 1
            || !int.TryParse(minutesValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes < 1)
        {
            return BadRequest("The 'validForInMinutes' query parameter is required once, as a whole number of at least 1.");
        }

        OneTimeTokenRedemption? redemption;
        try
        {
            redemption = await tokens.RedeemAsync(tokenValues[0], context.RequestAborted);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.OneTimeTokenStoreFailed("exchange", exception);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The token cannot be checked right now. Try again later.");
        }

        if (!redemption.Succeeded)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The token is invalid, expired or already used.");
        }

        var options = optionsAccessor.Value;
        var bearerOptions = bearerOptionsMonitor.Get(options.BearerScheme);
        var lifetime = TimeSpan.FromMinutes(Math.Min(minutes, options.MaxExchangedTokenLifetime.TotalMinutes));
        var now = timeProvider.GetUtcNow();
        return TypedResults.Ok(new ExchangedToken
        {
            Token = bearerOptions.BearerTokenProtector.Protect(CreateTicket(redemption.Principal, now + lifetime, options.BearerScheme, "AccessToken")),
            ExpiresIn = (long)lifetime.TotalSeconds,
            RefreshToken = bearerOptions.RefreshTokenProtector.Protect(CreateTicket(redemption.Principal, now + bearerOptions.RefreshTokenExpiration, options.BearerScheme, "RefreshToken")),
        });
    }

    /// <summary>
    /// A ticket as the BearerToken handler writes it on sign-in, so that the host's BearerToken scheme validates and
    /// refreshes it like its own.
    /// </summary>
    private static AuthenticationTicket CreateTicket(ClaimsPrincipal principal, DateTimeOffset expires, string scheme, string purpose) =>
        new(principal, new AuthenticationProperties { ExpiresUtc = expires }, $"{scheme}:{purpose}");

    private static async Task<OneTimeTokenRedemption?> RedeemAsync(IOneTimeTokenService tokens, string? token, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.RedeemAsync(token, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.OneTimeTokenStoreFailed("login", exception);
            return null;
        }
    }

    /// <summary>
    /// Fails at startup, not on a customer's first click, when the schemes the redemptions sign in with are missing.
    /// </summary>
    private static void EnsureSchemesExist(IServiceProvider services, OneTimeTokenOptions options)
    {
        var authentication = services.GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        var signInScheme = options.SignInScheme ?? authentication.DefaultSignInScheme ?? authentication.DefaultScheme;
        if (signInScheme is null
            || !authentication.SchemeMap.TryGetValue(signInScheme, out var signIn)
            || !typeof(IAuthenticationSignInHandler).IsAssignableFrom(signIn.HandlerType))
        {
            throw new InvalidOperationException(
                $"The one-time token login redirect signs in with scheme '{signInScheme ?? "(none)"}', which is not a registered sign-in scheme. " +
                "Set OneTimeTokenOptions.SignInScheme to a sign-in scheme such as a cookie scheme (AddCookie()).");
        }

        if (!authentication.SchemeMap.TryGetValue(options.BearerScheme, out var bearer)
            || !typeof(AuthenticationHandler<BearerTokenOptions>).IsAssignableFrom(bearer.HandlerType))
        {
            throw new InvalidOperationException(
                $"The one-time token exchange issues tokens of scheme '{options.BearerScheme}', which is not a registered BearerToken scheme. " +
                "Add one with AddBearerToken() and set OneTimeTokenOptions.BearerScheme to its name.");
        }
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid.", detail: detail);

    /// <summary>
    /// A culture segment such as <c>en</c>, <c>pt-BR</c> or <c>zh-Hant-TW</c>: letters, digits and hyphens, starting with a letter.
    /// </summary>
    private static bool IsCultureName(string value) =>
        value.Length is >= 2 and <= 16
        && char.IsAsciiLetter(value[0])
        && !value.AsSpan().ContainsAnyExcept(CultureNameCharacters);

    private static readonly SearchValues<char> CultureNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}
