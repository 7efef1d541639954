namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// The text of the page the login redirect answers in <see cref="OneTimeTokenLoginMode.Confirm"/> mode: a title, a
/// sentence and the button that signs the customer in. Set <see cref="OneTimeTokenOptions.ConfirmPageText"/> to
/// translate it.
/// </summary>
public sealed class OneTimeTokenConfirmPageText
{
    /// <summary>
    /// The default text, in English.
    /// </summary>
    public static OneTimeTokenConfirmPageText English { get; } = new()
    {
        Language = "en",
        Title = "Sign in",
        Message = "Continue to sign in to your account.",
        Button = "Sign in",
    };

    /// <summary>
    /// The BCP 47 language tag of the text, for the page's <c>lang</c> attribute, such as <c>en</c> or <c>pt-BR</c>.
    /// </summary>
    public required string Language { get; init; }

    /// <summary>
    /// The page title and heading.
    /// </summary>
    public required string Title { get; init; }

    /// <summary>
    /// The sentence above the button.
    /// </summary>
    public required string Message { get; init; }

    /// <summary>
    /// The button's label.
    /// </summary>
    public required string Button { get; init; }
}
