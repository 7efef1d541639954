using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// A scheme that records every call in the <see cref="AuthenticationCallLog"/>, as a target to forward to: it
/// authenticates every request as itself (the identity's authentication type is the scheme name), challenges with
/// 401 and <c>WWW-Authenticate: {scheme}</c>, and forbids with 403.
/// </summary>
public sealed class RecordingAuthenticationHandler(AuthenticationCallLog log) : IAuthenticationHandler
{
    private AuthenticationScheme _scheme = null!;
    private HttpContext _context = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        _context = context;
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync()
    {
        log.Record(_scheme.Name, nameof(AuthenticateAsync));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(authenticationType: _scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, _scheme.Name)));
    }

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        log.Record(_scheme.Name, nameof(ChallengeAsync));
        _context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        _context.Response.Headers.Append(HeaderNames.WWWAuthenticate, _scheme.Name);
        return Task.CompletedTask;
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        log.Record(_scheme.Name, nameof(ForbidAsync));
        _context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
