/**
 * The DSA Transparency Database's validation of one statement of reasons, replicated for the
 * stand-in server: the rules of `GroupedSubmissionsService::multi_rules` (the bulk endpoint) and
 * `StatementStoreRequest::rules` in the public digital-services-act/transparency-database
 * repository, written out as the same Laravel rule strings and read by a small interpreter of
 * the Laravel rules they use. Kept apart from src/compliance on purpose: the builder's own check
 * and this replica are written independently, so a misreading in one shows up against the other.
 *
 * Laravel behaviour reproduced: strings are trimmed and "" becomes null first (the TrimStrings and
 * ConvertEmptyStringsToNull middleware); a field that is absent or null skips its non-implicit
 * rules (`nullable`, and "validatable" only when present); `required`, `required_if` and
 * `required_without_all` are implicit; `exclude_unless` drops a field without an error; `in` on an
 * array checks every element; `max` on a string counts characters; `date_format:Y-m-d` is strict
 * (2023-02-30 fails); fields without rules are ignored.
 */

export const DECISION_VISIBILITIES = [
  "DECISION_VISIBILITY_CONTENT_REMOVED",
  "DECISION_VISIBILITY_CONTENT_DISABLED",
  "DECISION_VISIBILITY_CONTENT_DEMOTED",
  "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
  "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
  "DECISION_VISIBILITY_CONTENT_LABELLED",
  "DECISION_VISIBILITY_OTHER",
];
const DECISION_MONETARIES = [
  "DECISION_MONETARY_SUSPENSION",
  "DECISION_MONETARY_TERMINATION",
  "DECISION_MONETARY_OTHER",
];
const DECISION_PROVISIONS = [
  "DECISION_PROVISION_PARTIAL_SUSPENSION",
  "DECISION_PROVISION_TOTAL_SUSPENSION",
  "DECISION_PROVISION_PARTIAL_TERMINATION",
  "DECISION_PROVISION_TOTAL_TERMINATION",
];
const DECISION_ACCOUNTS = ["DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"];
const ACCOUNT_TYPES = ["ACCOUNT_TYPE_BUSINESS", "ACCOUNT_TYPE_PRIVATE"];
const DECISION_GROUNDS = [
  "DECISION_GROUND_ILLEGAL_CONTENT",
  "DECISION_GROUND_INCOMPATIBLE_CONTENT",
];
const CONTENT_TYPES = [
  "CONTENT_TYPE_APP",
  "CONTENT_TYPE_AUDIO",
  "CONTENT_TYPE_IMAGE",
  "CONTENT_TYPE_PRODUCT",
  "CONTENT_TYPE_SYNTHETIC_MEDIA",
  "CONTENT_TYPE_TEXT",
  "CONTENT_TYPE_VIDEO",
  "CONTENT_TYPE_OTHER",
];
const STATEMENT_CATEGORIES = [
  "STATEMENT_CATEGORY_ANIMAL_WELFARE",
  "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
  "STATEMENT_CATEGORY_CYBER_VIOLENCE",
  "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
  "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
  "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
  "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
  "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
  "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
  "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
  "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
  "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
  "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
  "STATEMENT_CATEGORY_SELF_HARM",
  "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
  "STATEMENT_CATEGORY_VIOLENCE",
];
const KEYWORDS = [
  "KEYWORD_ADULT_SEXUAL_MATERIAL",
  "KEYWORD_AGE_SPECIFIC_RESTRICTIONS",
  "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS",
  "KEYWORD_ANIMAL_HARM",
  "KEYWORD_BIOMETRIC_DATA_BREACH",
  "KEYWORD_BULLYING_AGAINST_GIRLS",
  "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
  "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE",
  "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS",
  "KEYWORD_COORDINATED_HARM",
  "KEYWORD_COPYRIGHT_INFRINGEMENT",
  "KEYWORD_CYBER_BULLYING_INTIMIDATION",
  "KEYWORD_CYBER_HARASSMENT",
  "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN",
  "KEYWORD_CYBER_INCITEMENT",
  "KEYWORD_CYBER_STALKING",
  "KEYWORD_CYBER_STALKING_AGAINST_WOMEN",
  "KEYWORD_DATA_FALSIFICATION",
  "KEYWORD_DEFAMATION",
  "KEYWORD_DESIGN_INFRINGEMENT",
  "KEYWORD_DISCRIMINATION",
  "KEYWORD_FEMALE_GENDERED_DISINFORMATION",
  "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT",
  "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
  "KEYWORD_GOODS_SERVICES_NOT_PERMITTED",
  "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS",
  "KEYWORD_HATE_SPEECH",
  "KEYWORD_HIDDEN_ADVERTISEMENT",
  "KEYWORD_HUMAN_EXPLOITATION",
  "KEYWORD_HUMAN_TRAFFICKING",
  "KEYWORD_ILLEGAL_ORGANIZATIONS",
  "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING",
  "KEYWORD_INAUTHENTIC_ACCOUNTS",
  "KEYWORD_INAUTHENTIC_LISTINGS",
  "KEYWORD_INAUTHENTIC_USER_REVIEWS",
  "KEYWORD_INCITEMENT_AGAINST_WOMEN",
  "KEYWORD_INCITEMENT_VIOLENCE_HATRED",
  "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS",
  "KEYWORD_LANGUAGE_REQUIREMENTS",
  "KEYWORD_MISINFORMATION_DISINFORMATION",
  "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS",
  "KEYWORD_MISLEADING_INFO_GOODS_SERVICES",
  "KEYWORD_MISSING_PROCESSING_GROUND",
  "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING",
  "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN",
  "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
  "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN",
  "KEYWORD_NONCOMPLIANCE_PRICING",
  "KEYWORD_NUDITY",
  "KEYWORD_PATENT_INFRINGEMENT",
  "KEYWORD_PHISHING",
  "KEYWORD_PROHIBITED_PRODUCTS",
  "KEYWORD_PYRAMID_SCHEMES",
  "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
  "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE",
  "KEYWORD_RISK_PUBLIC_HEALTH",
  "KEYWORD_SELF_MUTILATION",
  "KEYWORD_STALKING",
  "KEYWORD_SUICIDE",
  "KEYWORD_TERRORIST_CONTENT",
  "KEYWORD_TRADE_SECRET_INFRINGEMENT",
  "KEYWORD_TRADEMARK_INFRINGEMENT",
  "KEYWORD_TRAFFICKING_WOMEN_GIRLS",
  "KEYWORD_UNLAWFUL_SALE_ANIMALS",
  "KEYWORD_UNSAFE_CHALLENGES",
  "KEYWORD_UNSAFE_PRODUCTS",
  "KEYWORD_VIOLATION_EU_LAW",
  "KEYWORD_VIOLATION_NATIONAL_LAW",
  "KEYWORD_OTHER",
];
const SOURCE_TYPES = [
  "SOURCE_ARTICLE_16",
  "SOURCE_TRUSTED_FLAGGER",
  "SOURCE_TYPE_OTHER_NOTIFICATION",
  "SOURCE_VOLUNTARY",
];
const AUTOMATED_DETECTIONS = ["Yes", "No"];
const AUTOMATED_DECISIONS = [
  "AUTOMATED_DECISION_FULLY",
  "AUTOMATED_DECISION_PARTIALLY",
  "AUTOMATED_DECISION_NOT_AUTOMATED",
];
const INCOMPATIBLE_CONTENT_ILLEGALS = ["Yes", "No"];
/** EuropeanCountriesService::EUROPEAN_COUNTRY_CODES. */
// prettier-ignore
const EUROPEAN_COUNTRY_CODES = [
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
  "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

const inList = (values: readonly string[], nullable = false) =>
  `${nullable ? "in:null," : "in:"}${values.join(",")}`;

type Data = Record<string, unknown>;
/** A rule string, or a rule decided by the whole statement (Laravel's Rule::requiredIf/excludeIf). */
type RuleSpec = string | ((data: Data) => string | null);

const otherRequired = (field: string, needle: string) => (data: Data) =>
  Array.isArray(data[field]) && (data[field] as unknown[]).includes(needle);

/** `multi_rules`, transcribed. */
export const STATEMENT_RULES: Readonly<Record<string, readonly RuleSpec[]>> = {
  decision_visibility: [
    "array",
    inList(DECISION_VISIBILITIES, true),
    "required_without_all:decision_monetary,decision_provision,decision_account",
    "nullable",
  ],
  decision_visibility_other: [
    "max:500",
    (d) =>
      otherRequired("decision_visibility", "DECISION_VISIBILITY_OTHER")(d) ? "required" : null,
    (d) =>
      otherRequired("decision_visibility", "DECISION_VISIBILITY_OTHER")(d) ? null : "exclude",
  ],
  decision_monetary: [
    inList(DECISION_MONETARIES, true),
    "required_without_all:decision_visibility,decision_provision,decision_account",
    "nullable",
  ],
  decision_monetary_other: [
    "required_if:decision_monetary,DECISION_MONETARY_OTHER",
    "exclude_unless:decision_monetary,DECISION_MONETARY_OTHER",
    "max:500",
  ],
  decision_provision: [
    inList(DECISION_PROVISIONS, true),
    "required_without_all:decision_visibility,decision_monetary,decision_account",
    "nullable",
  ],
  decision_account: [
    inList(DECISION_ACCOUNTS, true),
    "required_without_all:decision_visibility,decision_monetary,decision_provision",
    "nullable",
  ],
  account_type: [inList(ACCOUNT_TYPES, true), "nullable"],
  category_specification: ["array", inList(KEYWORDS, true), "nullable"],
  category_specification_other: ["max:500"],
  decision_ground: ["required", inList(DECISION_GROUNDS)],
  decision_ground_reference_url: ["url", "nullable", "max:500"],
  illegal_content_legal_ground: [
    "required_if:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
    "exclude_unless:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
    "max:500",
  ],
  illegal_content_explanation: [
    "required_if:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
    "exclude_unless:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
    "max:2000",
  ],
  incompatible_content_ground: [
    "required_if:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
    "exclude_unless:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
    "max:500",
  ],
  incompatible_content_explanation: [
    "required_if:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
    "exclude_unless:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
    "max:2000",
  ],
  incompatible_content_illegal: [
    inList(INCOMPATIBLE_CONTENT_ILLEGALS),
    "exclude_unless:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
  ],
  content_type: ["array", "required", inList(CONTENT_TYPES)],
  content_type_other: [
    "max:500",
    (d) => (otherRequired("content_type", "CONTENT_TYPE_OTHER")(d) ? "required" : null),
    (d) => (otherRequired("content_type", "CONTENT_TYPE_OTHER")(d) ? null : "exclude"),
  ],
  category: ["required", inList(STATEMENT_CATEGORIES)],
  category_addition: ["array", inList(STATEMENT_CATEGORIES)],
  territorial_scope: ["array", "nullable", inList(EUROPEAN_COUNTRY_CODES)],
  // EuropeanLanguagesService::ALL_LANGUAGES: upper-case ISO 639-1 codes; Vigil never sends it,
  // so the replica checks the form only.
  content_language: ["regex:/^[A-Z]{2}$/", "nullable"],
  content_date: [
    "required",
    "date_format:Y-m-d",
    "after_or_equal:2000-01-01",
    "before_or_equal:2038-01-01",
  ],
  application_date: [
    "required",
    "date_format:Y-m-d",
    "after_or_equal:2020-01-01",
    "before_or_equal:2038-01-01",
  ],
  end_date_account_restriction: ["date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"],
  end_date_monetary_restriction: ["date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"],
  end_date_service_restriction: ["date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"],
  end_date_visibility_restriction: ["date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"],
  decision_facts: ["required", "max:5000"],
  source_type: ["required", inList(SOURCE_TYPES)],
  source_identity: ["max:500", "nullable"],
  automated_detection: ["required", inList(AUTOMATED_DETECTIONS)],
  automated_decision: ["required", inList(AUTOMATED_DECISIONS)],
  puid: ["required", "max:500", "regex:/^[a-zA-Z0-9-_]+$/D"],
  content_id: ["array", "nullable"],
};

const IMPLICIT = new Set(["required", "required_if", "required_without_all"]);

export interface Validation {
  readonly errors: Record<string, string[]>;
  /** The fields that passed, as the database would store them (excluded ones dropped). */
  readonly validated: Data;
}

export function validateStatement(input: unknown): Validation {
  const data = clean(input) as Data;
  const errors: Record<string, string[]> = {};
  const validated: Data = {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { errors: { statement: ["The statement must be an object."] }, validated };
  }
  for (const [field, specs] of Object.entries(STATEMENT_RULES)) {
    const rules = specs
      .map((spec) => (typeof spec === "function" ? spec(data) : spec))
      .filter((rule): rule is string => rule !== null);
    if (isExcluded(rules, data)) continue;
    const messages = checkField(field, rules, data);
    if (messages.length > 0) errors[field] = messages;
    else if (field in data) validated[field] = data[field];
  }
  return { errors, validated };
}

function isExcluded(rules: readonly string[], data: Data): boolean {
  return rules.some((rule) => {
    if (rule === "exclude") return true;
    const [name, args] = split(rule);
    return name === "exclude_unless" && String(data[args[0]!] ?? "") !== args[1];
  });
}

function checkField(field: string, rules: readonly string[], data: Data): string[] {
  const value = data[field];
  const label = field.replace(/_/g, " ");
  const messages: string[] = [];
  // An absent or null field runs only its implicit rules ("nullable" and "validatable").
  const skipOthers = value === undefined || value === null;
  for (const rule of rules) {
    const [name, args] = split(rule);
    if (skipOthers && !IMPLICIT.has(name)) continue;
    const problem = check(name, args, value, data, label, rule);
    if (problem) messages.push(problem);
  }
  return messages;
}

function check(
  name: string,
  args: readonly string[],
  value: unknown,
  data: Data,
  label: string,
  rule: string,
): string | null {
  switch (name) {
    case "required":
      return isEmpty(value) ? `The ${label} field is required.` : null;
    case "required_if":
      return String(data[args[0]!] ?? "") === args[1] && isEmpty(value)
        ? `The ${label} field is required when ${args[0]!.replace(/_/g, " ")} is ${args[1]}.`
        : null;
    case "required_without_all":
      return args.every((other) => isEmpty(data[other])) && isEmpty(value)
        ? `The ${label} field is required when none of ${args.map((a) => a.replace(/_/g, " ")).join(" / ")} are present.`
        : null;
    case "array":
      return typeof value === "object" && value !== null
        ? null
        : `The ${label} field must be an array.`;
    case "in": {
      const allowed = rule.slice(3).split(",");
      const values = Array.isArray(value) ? value : [value];
      return values.every((v) => allowed.includes(String(v)))
        ? null
        : `The selected ${label} is invalid.`;
    }
    case "max": {
      const size = Array.isArray(value) ? value.length : [...String(value)].length;
      return size <= Number(args[0])
        ? null
        : `The ${label} field must not be greater than ${args[0]} characters.`;
    }
    case "regex": {
      const source = rule.slice("regex:/".length, rule.lastIndexOf("/"));
      return typeof value === "string" && new RegExp(source).test(value)
        ? null
        : `The ${label} format is invalid.`;
    }
    case "url":
      return isUrl(value) ? null : `The ${label} field must be a valid URL.`;
    case "date_format":
      return isStrictDate(value) ? null : `The ${label} does not match the format YYYY-MM-DD.`;
    case "after_or_equal":
      return isStrictDate(value) && value >= args[0]!
        ? null
        : `The ${label} field must be a date after or equal to ${args[0]}.`;
    case "before_or_equal":
      return isStrictDate(value) && value <= args[0]!
        ? null
        : `The ${label} field must be a date before or equal to ${args[0]}.`;
    case "nullable":
    case "exclude_unless":
      return null;
    default:
      throw new Error(`the replica does not know the rule ${name}`);
  }
}

function split(rule: string): [string, string[]] {
  const colon = rule.indexOf(":");
  if (colon < 0) return [rule, []];
  return [rule.slice(0, colon), rule.slice(colon + 1).split(",")];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function isStrictDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** TrimStrings and ConvertEmptyStringsToNull, all the way down. */
function clean(value: unknown): unknown {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
  }
  return value;
}
