// A small client written against the types openapi-typescript generates from the sample's OpenAPI document
// (schema.d.ts, next to this file when OpenApiClientGenerationTests runs tsc). It compiles only if the wire types come
// out as documented: integers as number (not number | string), and the media URL's token as a query parameter.
import type { components, paths } from "./schema";

type JwtMedia = components["schemas"]["JwtMedia"];
type ActionConfirmation = components["schemas"]["ActionConfirmation"];
type ExchangedToken = components["schemas"]["ExchangedToken"];

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const jwtIsAString: Exactly<JwtMedia["jwt"], string> = true;
const statusIsAnInteger: Exactly<ActionConfirmation["Status"], number> = true;
const expiresInIsAnInteger: Exactly<ExchangedToken["expires_in"], number> = true;

type InvoicePdf = paths["/api/public/billing/invoices/{invoiceId}/pdf"]["get"];
type MintMediaToken = paths["/api/auth/media/customer"]["get"];

export async function openInvoice(bearer: string, invoiceId: number): Promise<string> {
  const minted = await fetch("/api/auth/media/customer", { headers: { Authorization: `Bearer ${bearer}` } });
  const media: MintMediaToken["responses"][200]["content"]["application/json"] = await minted.json();
  const query: InvoicePdf["parameters"]["query"] = { t: media.jwt };
  return `/api/public/billing/invoices/${invoiceId}/pdf?t=${encodeURIComponent(query.t)}`;
}

export async function issueOneTimeToken(bearer: string): Promise<string | null> {
  const response = await fetch("/api/sys/users/token/refresh", { method: "POST", headers: { Authorization: `Bearer ${bearer}` } });
  const envelope: ActionConfirmation = await response.json();
  const status: number = envelope.Status;
  return envelope.WasSuccessful && status === 200 ? (envelope.Value ?? null) : null;
}

export async function exchange(oneTimeToken: string): Promise<number> {
  const response = await fetch(`/api/sys/users/exchange?token=${encodeURIComponent(oneTimeToken)}&validForInMinutes=1440`, { method: "POST" });
  const exchanged: ExchangedToken = await response.json();
  return exchanged.expires_in * 1000;
}

export const checks = [jwtIsAString, statusIsAnInteger, expiresInIsAnInteger];
