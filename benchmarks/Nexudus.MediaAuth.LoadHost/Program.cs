using System.Globalization;
using Nexudus.MediaAuth.LoadHost;

// Serves /files/report.pdf in the mode the load script asks for, and at /tokens the tokens wrk sends: a newly issued
// set, which the script fetches before every measurement, so a host kept running for many rounds never gets tokens that
// have expired. In the continuation mode /tokens returns the tokens that opened the file, each with its cookie (opened
// once, on the first call, and the same set after: opening 2,048 files before a measurement would weigh on it), and
// /tokens?fresh=true fresh tokens for /fresh/report.pdf. The script calls /tokens one call at a time.
//   --mode noauth|floor|peer|mediatoken|continuation|flood  --alg HS256|RS256|ES256  --tokens N  --urls http://127.0.0.1:PORT
var app = LoadHostApplication.Build(args);
var tokenCount = int.Parse(app.Configuration["tokens"] ?? "1", CultureInfo.InvariantCulture);
string[]? continued = null;
app.MapGet("/tokens", async (bool? fresh) => string.Join(
    '\n',
    app.Configuration["mode"] == "continuation" && fresh != true
        ? continued ??= await LoadHostApplication.ContinueAsync(app, tokenCount)
        : LoadHostApplication.IssueTokens(app.Services, tokenCount)) + "\n");
await app.RunAsync();
