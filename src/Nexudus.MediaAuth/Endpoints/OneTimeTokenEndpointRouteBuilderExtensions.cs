using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.Hosting;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Exchange;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// Maps the endpoints that issue and redeem one-time tokens.
/// </summary>
public static class OneTimeTokenEndpointRouteBuilderExtensions
{
    private const string Tag = "One-time tokens";

    /// <summary>
    /// Maps the three one-time token endpoints: <see cref="MapOneTimeTokenRefresh"/>, <see cref="MapOneTimeTokenLogin"/>
    /// and <see cref="MapOneTimeTokenExchange"/>, at their documented paths. Requires <c>AddOneTimeTokens()</c> and an
    /// exchange issuer (<c>AddJwtExchange()</c>, <c>AddBearerTokenExchange()</c> or an <see cref="IExchangedTokenIssuer"/>).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder, such as the app or a route group (<c>app.MapGroup("/{culture}")</c>).</param>
    /// <returns>A convention builder for the mapped endpoints.</returns>
    public static IEndpointConventionBuilder MapOneTimeTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var all = endpoints.MapGroup(string.Empty);
        all.MapOneTimeTokenRefresh();
        all.MapOneTimeTokenLogin();
        all.MapOneTimeTokenExchange();
        return all;
    }

    /// <summary>
    /// Maps <c>POST {pattern}</c> (by default <c>/api/sys/users/token/refresh</c>), which issues a token to the
    /// customer authenticated by the schemes of <see cref="CustomerAuthenticationOptions"/>, in the
    /// <see cref="ActionConfirmation"/> envelope (honouring <c>_shape</c>). A signed-in user without the
    /// <see cref="OneTimeTokenOptions.CustomerIdClaimType"/> claim gets the envelope with status 403.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>A convention builder for the mapped endpoint.</returns>
    /// <exception cref="InvalidOperationException">No customer scheme can be resolved.</exception>
    public static IEndpointConventionBuilder MapOneTimeTokenRefresh(this IEndpointRouteBuilder endpoints, string pattern = OneTimeTokenDefaults.RefreshPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        var group = endpoints.MapCustomerGroup(string.Empty, "The one-time token endpoint").WithTags(Tag);
        group.MapPost(pattern, IssueAsync)
            .LimitIssuesPerCustomer(IssuedTokenKind.OneTimeToken, services => services.GetRequiredService<IOptions<OneTimeTokenOptions>>().Value.CustomerIdClaimType)
            .WithName("IssueOneTimeToken")
            .WithSummary("Get a one-time token")
            .WithDescription("Issues a short-lived, single-use opaque token tied to the authenticated customer, for authenticated redirect URLs: /user/login?server=true&t={Value}&redirectUrl={path}. Keep the link disabled until WasSuccessful is true. Not an OAuth refresh: the bearer token is unchanged. _shape=Value,WasSuccessful keeps only the named fields.");
        return group;
    }

    /// <summary>
    /// Maps <c>GET /user/login?t={token}&amp;redirectUrl={path}</c> (the documented path, and
    /// <c>/{culture}/user/login</c> when <see cref="OneTimeTokenOptions.AllowCulturePrefix"/> is on), which redeems the
    /// token, signs the customer in with <see cref="OneTimeTokenOptions.SignInScheme"/> and redirects to the local
    /// <c>redirectUrl</c>; in <see cref="OneTimeTokenLoginMode.Confirm"/> mode (the host's or the token's) it answers
    /// a page instead, whose button posts the token to <c>POST /user/login</c>, which redeems it. <c>HEAD</c> answers
    /// the page's headers and never redeems. Other query parameters, such as the portal's <c>server=true</c>, are
    /// ignored. Under a group that has a <c>{culture}</c> parameter of its own, turn
    /// <see cref="OneTimeTokenOptions.AllowCulturePrefix"/> off.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>A convention builder for the mapped endpoints.</returns>
    /// <exception cref="InvalidOperationException">The sign-in scheme is not a registered sign-in scheme.</exception>
    public static IEndpointConventionBuilder MapOneTimeTokenLogin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<OneTimeTokenOptions>>().Value;
        EnsureSignInSchemeExists(endpoints.ServiceProvider, options);
        var group = endpoints.MapGroup(string.Empty).WithTags(Tag).AllowAnonymous().ExcludeFromDescription()
            // The confirmation page carries the token in its form.
            .WithMetadata(TokenResponseMetadata.Instance);
        group.MapMethods(OneTimeTokenDefaults.LoginPath, LoginMethods, LoginAsync)
            .WithName("RedeemOneTimeTokenLogin")
            .WithSummary("Sign in with a one-time token and redirect");
        group.MapPost(OneTimeTokenDefaults.LoginPath, ConfirmLoginAsync)
            .WithName("ConfirmOneTimeTokenLogin")
            .WithSummary("Sign in with a one-time token posted by the confirmation page, and redirect");

        if (options.AllowCulturePrefix)
        {
            group.MapMethods("/{culture}" + OneTimeTokenDefaults.LoginPath, LoginMethods, LoginAsync);
            group.MapPost("/{culture}" + OneTimeTokenDefaults.LoginPath, ConfirmLoginAsync);
        }

        return group;
    }

    /// <summary>
    /// Maps <c>POST {pattern}?token={token}&amp;validForInMinutes={n}</c> (by default
    /// <c>/api/sys/users/exchange</c>), which redeems the token for the <see cref="ExchangedToken"/> the
    /// registered <see cref="IExchangedTokenIssuer"/> issues, valid for <c>min(n, MaxExchangedTokenLifetime)</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>A convention builder for the mapped endpoint.</returns>
    /// <exception cref="InvalidOperationException">No exchange issuer, or more than one, is registered; or the
    /// BearerToken scheme of <c>AddBearerTokenExchange()</c> is not registered.</exception>
    public static IEndpointConventionBuilder MapOneTimeTokenExchange(this IEndpointRouteBuilder endpoints, string pattern = OneTimeTokenDefaults.ExchangePath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        EnsureExchangeIssuer(endpoints.ServiceProvider);
        return endpoints.MapPost(pattern, ExchangeAsync)
            .AllowAnonymous()
            .WithTags(Tag)
            .WithMetadata(TokenResponseMetadata.Instance)
            .WithName("ExchangeOneTimeToken")
            .WithSummary("Exchange a one-time token for a bearer token")
            .WithDescription("Redeems a one-time token (the credential; no other authentication) for a bearer token and, depending on the host, a refresh token (null when none). The token is single-use.")
            .WithMetadata(
                new QueryParameterMetadata(QueryParameterNames.ExchangeToken, QueryParameterDocumentation.ExchangeToken),
                new QueryParameterMetadata(QueryParameterNames.ValidForInMinutes, QueryParameterDocumentation.ExchangeLifetime),
                ResponseMetadata.Problem(StatusCodes.Status400BadRequest, "A query parameter is missing, repeated or malformed."),
                ResponseMetadata.Problem(StatusCodes.Status401Unauthorized, "The token is invalid, expired or already used."),
                ResponseMetadata.Problem(StatusCodes.Status503ServiceUnavailable, "The token store is unavailable; try again later."));
    }

    private static async Task<ActionConfirmationResult> IssueAsync(
        HttpContext context,
        [FromQuery(Name = QueryParameterNames.Shape), Description("The envelope fields to keep, comma-separated and matched ignoring case (Value,WasSuccessful); absent or empty keeps every field.")] string? shape,
        IOneTimeTokenService tokens,
        IOptions<OneTimeTokenOptions> optionsAccessor,
        ILogger<IOneTimeTokenService> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrEmpty(context.User.FindFirst(optionsAccessor.Value.CustomerIdClaimType)?.Value))
        {
            return new ActionConfirmationResult(
                new ActionConfirmation
                {
                    WasSuccessful = false,
                    Status = StatusCodes.Status403Forbidden,
                    Message = "The signed-in user is not a customer.",
                },
                shape);
        }

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

    private static readonly string[] LoginMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// The link's <c>GET</c>: redeems the token, unless the host or the token asks for confirmation; <c>HEAD</c>, which
    /// link checkers send, always answers as the confirmation page would and never spends the token.
    /// </summary>
    private static async Task<IResult> LoginAsync(
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
        SetLoginHeaders(context.Response);
        var query = RedactedQueryFeature.Read(context.Request);
        var token = SingleQueryValue.TryRead(query, QueryParameterNames.LoginToken, out var tokenValue) ? tokenValue.ToString() : null;
        var redirectUrl = SingleQueryValue.TryRead(query, QueryParameterNames.RedirectUrl, out var value) ? value.ToString() : null;
        var isHead = HttpMethods.IsHead(context.Request.Method);
        var wellFormed = OneTimeTokenService.IsWellFormed(token);
        if (token is null || (isHead && !wellFormed))
        {
            return TypedResults.Redirect(options.DefaultRedirectPath);
        }

        // A malformed token goes on to be refused (and counted) without asking the store.
        if (wellFormed)
        {
            bool? needsConfirmation = isHead || options.LoginMode == OneTimeTokenLoginMode.Confirm
                ? true
                : await NeedsConfirmationAsync(tokens, token, logger, context.RequestAborted);
            if (needsConfirmation is null)
            {
                return TypedResults.Redirect(options.DefaultRedirectPath);
            }

            if (needsConfirmation.Value)
            {
                return new ConfirmLoginPageResult(token, redirectUrl, ConfirmLoginPageText.ForCurrentUICulture(context.RequestServices));
            }
        }

        return await SignInAsync(context, tokens, token, redirectUrl, options, logger);
    }

    /// <summary>
    /// The confirmation page's <c>POST</c>: redeems the token of its body, when the browser says the post comes from
    /// this origin (<see cref="IsSameOrigin"/>); a refused post leaves the token as it was.
    /// </summary>
    private static async Task<IResult> ConfirmLoginAsync(
        HttpContext context,
        IOneTimeTokenService tokens,
        IOptions<OneTimeTokenOptions> optionsAccessor,
        ILogger<IOneTimeTokenService> logger)
    {
        if (context.GetRouteValue("culture") is string culture && !IsCultureName(culture))
        {
            return TypedResults.NotFound();
        }

        SetLoginHeaders(context.Response);
        if (!IsSameOrigin(context.Request))
        {
            logger.OneTimeTokenLoginCrossSiteRefused();
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!context.Request.HasFormContentType)
        {
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form[QueryParameterNames.LoginToken] is { Count: 1 } tokenValue ? tokenValue.ToString() : null;
        var redirectUrl = form[QueryParameterNames.RedirectUrl] is { Count: 1 } value ? value.ToString() : null;
        return await SignInAsync(context, tokens, token, redirectUrl, optionsAccessor.Value, logger);
    }

    /// <summary>
    /// The login redirect's responses carry the token's URL, or follow it: never cached, and never sent on as a
    /// <c>Referer</c>.
    /// </summary>
    private static void SetLoginHeaders(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context,
        IOneTimeTokenService tokens,
        string? token,
        string? redirectUrl,
        OneTimeTokenOptions options,
        ILogger logger)
    {
        var redemption = token is null ? null : await RedeemAsync(tokens, token, logger, context.RequestAborted);
        if (redemption?.Principal is not { } customer)
        {
            return TypedResults.Redirect(options.DefaultRedirectPath);
        }

        await context.SignInAsync(options.SignInScheme, customer);
        return TypedResults.Redirect(LocalRedirectUrl.IsLocal(redirectUrl) ? redirectUrl : options.DefaultRedirectPath);
    }

    /// <summary>
    /// Whether the token was issued in <see cref="OneTimeTokenLoginMode.Confirm"/> mode; <see langword="null"/> when the
    /// store cannot answer, and the link is refused as a redemption would be.
    /// </summary>
    private static async Task<bool?> NeedsConfirmationAsync(IOneTimeTokenService tokens, string token, ILogger logger, CancellationToken cancellationToken)
    {
        if (tokens is not OneTimeTokenService service)
        {
            return false;
        }

        try
        {
            return await service.NeedsConfirmationAsync(token, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.OneTimeTokenStoreFailed("login", exception);
            return null;
        }
    }

    /// <summary>
    /// Whether a post comes from a page of this origin, by Fetch Metadata: <c>Sec-Fetch-Site: same-origin</c>, or,
    /// from a browser that does not send it (Safari before 16.4), an <c>Origin</c> equal to the request's. A post with
    /// neither is refused: only a browser has a reason to post here, and every browser sends one of them. The page's
    /// <c>no-referrer</c> policy makes such older browsers send <c>Origin: null</c>, which is refused too: failing closed
    /// beats a login forced on someone by another site.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var headers = request.Headers;
        if (headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            return site is { Count: 1 } && string.Equals(site.ToString(), "same-origin", StringComparison.Ordinal);
        }

        return headers.Origin is { Count: 1 } origin
            && string.Equals(origin.ToString(), $"{request.Scheme}://{request.Host.ToUriComponent()}", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Results<Ok<ExchangedToken>, ProblemHttpResult>> ExchangeAsync(
        HttpContext context,
        IOneTimeTokenService tokens,
        IOptions<OneTimeTokenOptions> optionsAccessor,
        IExchangedTokenIssuer issuer,
        ILogger<IOneTimeTokenService> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        var query = RedactedQueryFeature.Read(context.Request);
        if (!SingleQueryValue.TryRead(query, QueryParameterNames.ExchangeToken, out var token) || token.IsEmpty)
        {
            return BadRequest("The 'token' query parameter is required once.");
        }

        if (!SingleQueryValue.TryRead(query, QueryParameterNames.ValidForInMinutes, out var minutesValue)
            || !int.TryParse(minutesValue.Span, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes < 1)
        {
            return BadRequest("The 'validForInMinutes' query parameter is required once, as a whole number of at least 1.");
        }

        OneTimeTokenRedemption? redemption;
        try
        {
            redemption = await tokens.RedeemAsync(token.ToString(), context.RequestAborted);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.OneTimeTokenStoreFailed("exchange", exception);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The token cannot be checked right now. Try again later.");
        }

        if (redemption.Principal is not { } customer)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The token is invalid, expired or already used.");
        }

        var lifetime = TimeSpan.FromMinutes(Math.Min(minutes, optionsAccessor.Value.MaxExchangedTokenLifetime.TotalMinutes));
        return TypedResults.Ok(await issuer.IssueAsync(context, customer, lifetime));
    }

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
    /// Fails at startup, not on a customer's first click, when the scheme the login redirect signs in with is missing.
    /// </summary>
    private static void EnsureSignInSchemeExists(IServiceProvider services, OneTimeTokenOptions options)
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
    }

    /// <summary>
    /// Fails at startup, not at a customer's first exchange, when the exchange has no one issuer to issue with.
    /// </summary>
    private static void EnsureExchangeIssuer(IServiceProvider services)
    {
        var issuers = services.GetServices<IExchangedTokenIssuer>().ToArray();
        if (issuers.Length != 1)
        {
            throw new InvalidOperationException(
                $"The one-time token exchange needs exactly one IExchangedTokenIssuer; {issuers.Length} are registered. " +
                "Call AddJwtExchange(...) once for an API that authenticates with JwtBearer, AddBearerTokenExchange() for ASP.NET Core's BearerToken scheme, " +
                "or register your own token service's IExchangedTokenIssuer; or map only the endpoints you need (MapOneTimeTokenRefresh(), MapOneTimeTokenLogin()).");
        }

        if (issuers[0] is BearerTokenExchangedTokenIssuer bearerTokens)
        {
            bearerTokens.EnsureSchemeExists(services.GetRequiredService<IOptions<AuthenticationOptions>>().Value);
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
