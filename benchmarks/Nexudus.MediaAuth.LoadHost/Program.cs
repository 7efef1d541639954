using System.Globalization;
using Nexudus.MediaAuth.LoadHost;

// Serves /files/report.pdf in the mode the load script asks for, after writing the tokens wrk sends:
//   --mode noauth|peer|mediatoken  --alg HS256|RS256|ES256  --tokens N  --token-file PATH  --urls http://127.0.0.1:PORT
var app = LoadHostApplication.Build(args);
var tokenCount = int.Parse(app.Configuration["tokens"] ?? "1", CultureInfo.InvariantCulture);
var tokenFile = app.Configuration["token-file"] ?? throw new InvalidOperationException("Pass --token-file PATH.");
await File.WriteAllLinesAsync(tokenFile, LoadHostApplication.IssueTokens(app.Services, tokenCount));
await app.RunAsync();
