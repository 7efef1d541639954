namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>The kinds of key, each with the algorithms it may sign with (<see cref="MediaTokenAlgorithms"/>).</summary>
internal enum KeyFamily
{
    /// <summary>A key or algorithm the scheme cannot use.</summary>
    Unknown,

    /// <summary>A shared secret: HS256, HS384, HS512.</summary>
    Hmac,

    /// <summary>An RSA key: RS256/384/512 and PS256/384/512.</summary>
    Rsa,

    /// <summary>An EC key on a NIST curve: ES256 (P-256), ES384 (P-384), ES512 (P-521).</summary>
    Ecdsa,
}
