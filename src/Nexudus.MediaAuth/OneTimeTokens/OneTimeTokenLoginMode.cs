namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// How the login redirect (<c>GET /user/login?t=…</c>) redeems a one-time token.
/// </summary>
public enum OneTimeTokenLoginMode
{
    /// <summary>
    /// The <c>GET</c> redeems the token and signs the customer in at once: for the in-app redirect, where the page that
    /// asked for the token sends the browser straight to the link and no machine sees it first.
    /// </summary>
    Immediate,

    /// <summary>
    /// The <c>GET</c> (and <c>HEAD</c>) answers a page with one button, and only the same-origin <c>POST</c> the button
    /// sends redeems the token: for links in emails and chats, which scanners and link previews fetch, render and run
    /// before the person clicks.
    /// </summary>
    Confirm,
}
