using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The text of the confirmation page (<see cref="ConfirmLoginPageResult"/>) in the request's UI culture, which
/// <c>UseRequestLocalization()</c> sets. It comes from the host's <see cref="IStringLocalizerFactory"/>, registered by
/// <c>AddLocalization()</c>, as a shared resource: base name <see cref="BaseName"/>, location the host's application
/// assembly, keys <see cref="TitleKey"/>, <see cref="MessageKey"/> and <see cref="ButtonKey"/>, so
/// <c>Resources/OneTimeTokenConfirmPage.fr.resx</c> in the host's project translates it. Without a factory, and for a
/// key the localizer does not have, the text is the built-in English.
/// </summary>
internal sealed class ConfirmLoginPageText
{
    internal const string BaseName = "OneTimeTokenConfirmPage";
    internal const string TitleKey = "Title";
    internal const string MessageKey = "Message";
    internal const string ButtonKey = "Button";

    private static readonly ConfirmLoginPageText English = new("en", "Sign in", "Continue to sign in to your account.", "Sign in");

    private ConfirmLoginPageText(string language, string title, string message, string button)
    {
        Language = language;
        Title = title;
        Message = message;
        Button = button;
    }

    /// <summary>The BCP 47 tag of the text, for the page's <c>lang</c> attribute.</summary>
    public string Language { get; }

    public string Title { get; }

    public string Message { get; }

    public string Button { get; }

    /// <summary>
    /// The text for the current UI culture. Its language is that culture when the localizer had any of the text, and
    /// English otherwise.
    /// </summary>
    public static ConfirmLoginPageText ForCurrentUICulture(IServiceProvider services)
    {
        // Created per request, as IStringLocalizer<T> is; the framework's factory caches its localizers.
        if (services.GetService<IStringLocalizerFactory>() is not { } factory)
        {
            return English;
        }

        var localizer = factory.Create(BaseName, services.GetRequiredService<IHostEnvironment>().ApplicationName);
        var title = localizer[TitleKey];
        var message = localizer[MessageKey];
        var button = localizer[ButtonKey];
        var culture = CultureInfo.CurrentUICulture.Name;
        var localized = !(title.ResourceNotFound && message.ResourceNotFound && button.ResourceNotFound) && culture.Length > 0;
        return new ConfirmLoginPageText(
            localized ? culture : English.Language,
            title.ResourceNotFound ? English.Title : title.Value,
            message.ResourceNotFound ? English.Message : message.Value,
            button.ResourceNotFound ? English.Button : button.Value);
    }
}
