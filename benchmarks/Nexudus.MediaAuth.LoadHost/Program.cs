using System.Globalization;
using Nexudus.MediaAuth.LoadHost;

// Serves /files/report.pdf in the mode the load script asks for, and at /tokens a newly issued set of the tokens wrk
// sends: the script fetches them before every measurement, so a host kept running for many rounds never gets tokens
// that have expired. In the continuation mode /tokens returns tokens that opened the file, each with its cookie, and
// /tokens?fresh=true fresh tokens for /fresh/report.pdf.
//   --mode noauth|floor|peer|mediatoken|continuation  --alg HS256|RS256|ES256  --tokens N  --urls http://127.0.0.1:PORT
var app = LoadHostApplication.Build(args);
var tokenCount = int.Parse(app.Configuration["tokens"] ?? "1", CultureInfo.InvariantCulture);
string[]? continued = null;
var continuedAt = DateTime.MinValue;
app.MapGet("/tokens", async (bool? fresh) =>
{
    if (app.Configuration["mode"] != "continuation" || fresh == true)
    {
        return string.Join('\n', LoadHostApplication.IssueTokens(app.Services, tokenCount)) + "\n";
    }

    // Opening the file with each token costs the host seconds of CPU and leaves garbage behind, which would weigh on
    // the measurement that follows; the cookies hold for 55 minutes, so the same set serves for 30.
    if (continued is null || DateTime.UtcNow - continuedAt > TimeSpan.FromMinutes(30))
    {
        continued = await LoadHostApplication.ContinueAsync(app, tokenCount);
        continuedAt = DateTime.UtcNow;
    }

    return string.Join('\n', continued) + "\n";
});
await app.RunAsync();
