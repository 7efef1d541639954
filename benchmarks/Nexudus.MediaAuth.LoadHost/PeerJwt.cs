using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.LoadHost;

/// <summary>
/// What a host would write without this library: JwtBearer reading the token from <c>?t=</c> in
/// <see cref="JwtBearerEvents.OnMessageReceived"/>, validating a 5-minute JWT with the usual claims.
/// </summary>
public static class PeerJwt
{
    public const string Issuer = "https://portal.example.com";
    public const string Audience = "portal-api";

    private static readonly JsonWebTokenHandler TokenHandler = new();

    public static string Create(SigningCredentials credentials, int customerId, DateTime now) => TokenHandler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = now,
        NotBefore = now,
        Expires = now.AddMinutes(5),
        SigningCredentials = credentials,
        Claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [JwtRegisteredClaimNames.Name] = $"Customer {customerId}",
            [JwtRegisteredClaimNames.Email] = $"customer{customerId}@example.com",
            ["role"] = "Customer",
            [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        },
    });

    public static void Configure(JwtBearerOptions options, SecurityKey key)
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            NameClaimType = ClaimTypes.Name,
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                context.Token = context.Request.Query["t"];
                return Task.CompletedTask;
            },
        };
    }
}
