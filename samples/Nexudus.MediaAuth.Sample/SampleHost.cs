using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Nexudus.MediaAuth.Endpoints;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// Builds the sample portal back end. Tests build the same app on a TestServer through the <c>configure</c> callback.
/// </summary>
public static class SampleHost
{
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);

        builder.Services.AddSingleton<DemoData>();
        builder.Services.AddSingleton<SampleFiles>();
        builder.Services.AddSingleton<DemoOutbox>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // The documented API writes PascalCase fields (files, ActionConfirmation).
            json.SerializerOptions.PropertyNamingPolicy = null;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonSerializerContext.Default);
        });
        builder.Services.AddOpenApi(OpenApiSecurity.Describe);

        builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken()
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/";
                cookie.Cookie.Name = "portal";
            });
        builder.Services.AddMediaTokenAuthentication();
        builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
            customer.AuthenticationSchemes.Add(BearerTokenDefaults.AuthenticationScheme));
        builder.Services.AddOneTimeTokens(oneTime => oneTime.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme);
        builder.Services.AddBearerTokenExchange();
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks();
        SeveralInstances.Configure(builder);

        configure?.Invoke(builder);

        var app = builder.Build();
        PortalPage.Use(app);
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        PortalApi.Map(app);
        SignInLinkEndpoint.Map(app);
        app.MapMediaTokenEndpoints();
        app.MapMediaTokenJwks();
        app.MapOneTimeTokenEndpoints();
        app.MapHealthChecks("/healthz");

        app.MapGet("/", ServerPages.Home).ExcludeFromDescription();
        app.MapGet("/{culture}/invoices", ServerPages.Invoices)
            .ExcludeFromDescription()
            .RequireAuthorization(new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .Build());

        return app;
    }
}
