using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens.Issuance;

/// <summary>
/// Issues media tokens with the options of one media token scheme.
/// </summary>
internal sealed class MediaTokenIssuer : IMediaTokenIssuer
{
    private static readonly JsonWebTokenHandler TokenHandler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly string _authenticationScheme;
    private readonly IMediaTokenIssuingParametersSource _parameters;
    private readonly TimeProvider _timeProvider;
    private readonly MediaAuthMetrics _metrics;
    private readonly ILogger _logger;

    public MediaTokenIssuer(string authenticationScheme, IMediaTokenIssuingParametersSource parameters, TimeProvider timeProvider, MediaAuthMetrics metrics, ILogger<MediaTokenIssuer> logger)
    {
        _authenticationScheme = authenticationScheme;
        _parameters = parameters;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
    }

    public string IssueToken(ClaimsPrincipal customer) => Issue(customer, resource: null, MediaTokenDisposition.Unspecified, lifetime: null);

    public string IssueToken(ClaimsPrincipal customer, PathString resource, MediaTokenDisposition disposition = MediaTokenDisposition.Unspecified, TimeSpan? lifetime = null)
    {
        if (!MediaTokenResource.IsCanonical(resource.Value))
        {
            throw new ArgumentException(
                "The resource must be a canonical path starting with '/': no empty, '.' or '..' segment, no segment ending in '.', no '%', '\\' or control character.",
                nameof(resource));
        }

        if (!Enum.IsDefined(disposition))
        {
            throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "The disposition must be Unspecified, Inline or Attachment.");
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The lifetime must be more than zero.");
        }

        return Issue(customer, resource.Value, disposition, lifetime);
    }

    private string Issue(ClaimsPrincipal customer, string? resource, MediaTokenDisposition disposition, TimeSpan? lifetime)
    {
        ArgumentNullException.ThrowIfNull(customer);
        using var activity = MediaAuthActivitySource.Source.StartActivity(MediaAuthActivitySource.IssueMediaToken);
        activity?.SetTag(MediaAuthMetrics.SchemeTag, _authenticationScheme);
        try
        {
            var token = CreateToken(customer, resource, disposition, lifetime, out var algorithm);
            activity?.SetTag(MediaAuthMetrics.AlgorithmTag, algorithm);
            activity?.SetTag(MediaAuthActivitySource.OutcomeTag, "issued");
            _metrics.MediaTokenIssued(_authenticationScheme, algorithm);
            return token;
        }
        catch (Exception exception)
        {
            activity.SetFailure(exception);
            throw;
        }
    }

    private string CreateToken(ClaimsPrincipal customer, string? resource, MediaTokenDisposition disposition, TimeSpan? lifetime, out string algorithm)
    {
        var options = _parameters.GetIssuingParameters(_authenticationScheme);
        if (lifetime > options.MaxResourceBoundTokenLifetime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lifetime), lifetime, $"The lifetime must be at most MediaTokenOptions.MaxResourceBoundTokenLifetime ({options.MaxResourceBoundTokenLifetime}).");
        }

        var customerId = customer.FindFirst(options.CustomerIdClaimType)?.Value;
        if (string.IsNullOrEmpty(customerId))
        {
            throw new InvalidOperationException($"The customer has no '{options.CustomerIdClaimType}' claim to issue a media token for.");
        }

        var credentials = options.Credentials
            ?? throw new InvalidOperationException($"The media token scheme '{_authenticationScheme}' has no signing key; it can validate tokens but not issue them.");

        algorithm = credentials.Algorithm;
        var now = _timeProvider.GetUtcNow();
        var expires = now + (lifetime ?? options.TokenLifetime);
        var claims = new Dictionary<string, object>(4, StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = customerId,
            [JwtRegisteredClaimNames.Jti] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
        };
        if (resource is not null)
        {
            claims[MediaTokenWireNames.ResourceClaim] = resource;
        }

        if (MediaTokenWireNames.Of(disposition) is { } disp)
        {
            claims[MediaTokenWireNames.DispositionClaim] = disp;
        }

        var token = TokenHandler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = MediaTokenWireNames.TokenType,
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = credentials,
            Claims = claims,
        });

        _logger.TokenIssued(_authenticationScheme, expires);
        return token;
    }
}
