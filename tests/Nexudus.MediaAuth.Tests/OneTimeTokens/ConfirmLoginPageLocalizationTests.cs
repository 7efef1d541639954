using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

/// <summary>
/// The confirmation page speaks the request's language the ASP.NET Core way: <c>UseRequestLocalization()</c> picks the
/// culture, and the host's <c>AddLocalization()</c> finds the text in its <c>Resources/OneTimeTokenConfirmPage.{culture}.resx</c>
/// (this project's <c>Resources</c> folder: French, and German with the title only). Without them, or for a missing key,
/// the page is in English.
/// </summary>
public sealed class ConfirmLoginPageLocalizationTests
{
    private const string EnglishTitle = "Sign in";
    private const string EnglishMessage = "Continue to sign in to your account.";
    private const string EnglishButton = "Sign in";

    [Theory]
    [InlineData("fr", true, "fr", "Connexion", "Poursuivez la connexion &#xE0; votre compte &lt;client&gt;.", "Se connecter")]
    [InlineData("fr-FR,en;q=0.5", true, "fr", "Connexion", "Poursuivez la connexion &#xE0; votre compte &lt;client&gt;.", "Se connecter")]
    [InlineData("de", true, "de", "Anmelden", EnglishMessage, EnglishButton)]
    [InlineData("en", true, "en", EnglishTitle, EnglishMessage, EnglishButton)]
    [InlineData(null, true, "en", EnglishTitle, EnglishMessage, EnglishButton)]
    [InlineData("fr", false, "en", EnglishTitle, EnglishMessage, EnglishButton)]
    public async Task The_page_is_in_the_hosts_resources_for_the_request_language_and_in_English_otherwise(
        string? acceptLanguage, bool hostLocalizes, string lang, string title, string message, string button)
    {
        await using var server = await TestHost.StartPortalHostAsync(builder =>
        {
            if (hostLocalizes)
            {
                builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
            }

            builder.Services.AddSingleton<IStartupFilter>(new StartupMiddleware(app => app.UseRequestLocalization(options =>
                options.SetDefaultCulture("en").AddSupportedCultures("en", "fr", "de").AddSupportedUICultures("en", "fr", "de"))));
        });
        var token = await ConfirmLoginTests.IssueForEmailAsync(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/user/login?server=true&t={token}&redirectUrl=%2Fen%2Finvoices");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await server.Client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        page.Should().StartWith($"<!DOCTYPE html><html lang=\"{lang}\">")
            .And.Contain($"<title>{title}</title>")
            .And.Contain($"<h1>{title}</h1><p>{message}</p>")
            .And.Contain($"<button type=\"submit\">{button}</button>");
    }
}
