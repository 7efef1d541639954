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

    public string IssueToken(ClaimsPrincipal customer) => Issue(customer, resource: null);

    public string IssueToken(ClaimsPrincipal customer, PathString resource)
    {
        if (!MediaTokenResource.IsCanonical(resource.Value))
        {
            throw new ArgumentException(
                "The resource must be a canonical path starting with '/': no empty, '.' or '..' segment, no segment ending in '.', no '%', '\\' or control character.",
                nameof(resource));
        }

        return Issue(customer, resource.Value);
    }

    private string Issue(ClaimsPrincipal customer, string? resource)
    {
        ArgumentNullException.ThrowIfNull(customer);
        using var activity = MediaAuthActivitySource.Source.StartActivity(MediaAuthActivitySource.IssueMediaToken);
        activity?.SetTag(MediaAuthMetrics.SchemeTag, _authenticationScheme);
        try
        {
            var token = CreateToken(customer, resource, out var algorithm);
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

    private string CreateToken(ClaimsPrincipal customer, string? resource, out string algorithm)
    {
        var options = _parameters.GetIssuingParameters(_authenticationScheme);
        var customerId = customer.FindFirst(options.CustomerIdClaimType)?.Value;
        if (string.IsNullOrEmpty(customerId))
        {
            throw new InvalidOperationException($"The customer has no '{options.CustomerIdClaimType}' claim to issue a media token for.");
        }

        var credentials = options.Credentials
            ?? throw new InvalidOperationException($"The media token scheme '{_authenticationScheme}' has no signing key; it can validate tokens but not issue them.");

        algorithm = credentials.Algorithm;
        var now = _timeProvider.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var claims = new Dictionary<string, object>(3, StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = customerId,
            [JwtRegisteredClaimNames.Jti] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
        };
        if (resource is not null)
        {
            claims[MediaTokenWireNames.ResourceClaim] = resource;
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
