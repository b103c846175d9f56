/**
 * Where a duty applies. Notices name a jurisdiction as an ISO 3166-1 alpha-2 code (`US`, `KR`,
 * `DE`) or `EU`; an EU member state falls back to the EU's rules, so a notice from Germany under
 * the DSA finds the `EU` rule without a copy per member state.
 *
 * The country lists are the Transparency Database's own (EuropeanCountriesService in the public
 * digital-services-act/transparency-database repository): its `territorial_scope` accepts the
 * EEA codes, Greece as `GR`.
 */

/** The 27 EU member states, as the Transparency Database spells them. */
// prettier-ignore
export const EU_COUNTRIES = [
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
  "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
] as const;

/** The EEA: the EU and Iceland, Liechtenstein, Norway. Every code `territorial_scope` accepts. */
export const EEA_COUNTRIES = [...EU_COUNTRIES, "IS", "LI", "NO"].sort() as readonly string[];

const JURISDICTION = /^(?:[A-Z]{2}|EU)$/;

export function isJurisdiction(value: string): boolean {
  return JURISDICTION.test(value);
}

/** The jurisdictions whose rules apply, most specific first: `DE` → `DE`, `EU`. */
export function jurisdictionChain(jurisdiction: string): readonly string[] {
  return (EU_COUNTRIES as readonly string[]).includes(jurisdiction)
    ? [jurisdiction, "EU"]
    : [jurisdiction];
}
