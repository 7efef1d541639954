using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.OneTimeTokens.Exchange;

/// <summary>
/// Checks <see cref="JwtExchangeOptions"/> at startup.
/// </summary>
internal sealed class JwtExchangeValidateOptions : IValidateOptions<JwtExchangeOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtExchangeOptions options)
    {
        var failures = new List<string>();
        if (options.SigningCredentials is null)
        {
            failures.Add("JwtExchangeOptions.SigningCredentials must be set to credentials whose key the host's JwtBearer validates (its IssuerSigningKey).");
        }
        else if (options.SigningCredentials.Algorithm is null or SecurityAlgorithms.None)
        {
            failures.Add("JwtExchangeOptions.SigningCredentials must name a signing algorithm, such as SecurityAlgorithms.RsaSha256.");
        }
        else if (CannotSign(options.SigningCredentials) is { } reason)
        {
            failures.Add($"JwtExchangeOptions.SigningCredentials cannot sign (a key too small for its algorithm, a public key only, or an algorithm the key does not support): {reason}");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("JwtExchangeOptions.Issuer must be set to the issuer the host's JwtBearer validates (TokenValidationParameters.ValidIssuer).");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("JwtExchangeOptions.Audience must be set to the audience the host's JwtBearer validates (TokenValidationParameters.ValidAudience or JwtBearerOptions.Audience).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Signs an empty payload once, so that credentials that would fail every exchange with a 500 fail the startup.
    /// </summary>
    private static string? CannotSign(SigningCredentials credentials)
    {
        try
        {
            new JsonWebTokenHandler().CreateToken("{}", credentials);
            return null;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or NotSupportedException or SecurityTokenException or CryptographicException)
        {
            return exception.Message;
        }
    }
}
