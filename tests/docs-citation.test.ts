/**
 * CITATION.cff: valid Citation File Format 1.2.0 and consistent with package.json and the README.
 *
 * The structure is checked against the rules of the CFF 1.2.0 JSON schema
 * (https://citation-file-format.github.io/1.2.0/schema) for every key this file can use: required
 * keys, the allowed key names at the top level, in persons, entities and references, the enums,
 * the integer fields and the patterns of dates, ISSNs, languages and URLs. The key lists below are
 * the schema's own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const cff = parse(readFileSync(join(ROOT, "CITATION.cff"), "utf8")) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; license: string };
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
/** The README with its block quotes joined into single lines (the citation is one). */
const readmeJoined = readme.replace(/\n> /g, " ");

const TOP_LEVEL_KEYS = ["abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi",
  "identifiers", "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
  "repository-artifact", "repository-code", "title", "type", "url", "version"];
const PERSON_KEYS = ["address", "affiliation", "alias", "city", "country", "email", "family-names", "fax",
  "given-names", "name-particle", "name-suffix", "orcid", "post-code", "region", "tel", "website"];
const ENTITY_KEYS = ["address", "alias", "city", "country", "date-end", "date-start", "email", "fax", "location",
  "name", "orcid", "post-code", "region", "tel", "website"];
const REFERENCE_KEYS = ["abbreviation", "abstract", "authors", "collection-doi", "collection-title",
  "collection-type", "commit", "conference", "contact", "copyright", "data-type", "database", "database-provider",
  "date-accessed", "date-downloaded", "date-published", "date-released", "department", "doi", "edition", "editors",
  "editors-series", "end", "entry", "filename", "format", "identifiers", "institution", "isbn", "issn", "issue",
  "issue-date", "issue-title", "journal", "keywords", "languages", "license", "license-url", "loc-end", "loc-start",
  "location", "medium", "month", "nihmsid", "notes", "number", "number-volumes", "pages", "patent-states", "pmcid",
  "publisher", "recipients", "repository", "repository-artifact", "repository-code", "scope", "section", "senders",
  "start", "status", "term", "thesis-type", "title", "translators", "type", "url", "version", "volume",
  "volume-title", "year", "year-original"];
const REFERENCE_TYPES = ["art", "article", "audiovisual", "bill", "blog", "book", "catalogue", "conference-paper",
  "conference", "data", "database", "dictionary", "edited-work", "encyclopedia", "film-broadcast", "generic",
  "government-document", "grant", "hearing", "historical-work", "legal-case", "legal-rule", "magazine-article",
  "manual", "map", "multimedia", "music", "newspaper-article", "pamphlet", "patent", "personal-communication",
  "proceedings", "report", "serial", "slides", "software-code", "software-container", "software-executable",
  "software-virtual-machine", "software", "sound-recording", "standard", "statute", "thesis", "unpublished", "video",
  "website"];
const REFERENCE_INTEGERS = ["end", "loc-end", "loc-start", "month", "number-volumes", "pages", "start", "volume",
  "year", "year-original"];
const URL_PATTERN = /^(https|http|ftp|sftp):\/\/.+/;
const DATE_PATTERN = /^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/;

/** The schema's "minLength: 1" strings. */
const nonEmptyString = (value: unknown) => typeof value === "string" && value.length > 0;

function expectOnlyKeys(object: Record<string, unknown>, allowed: string[], where: string): void {
  for (const key of Object.keys(object)) expect(allowed, `${where}: key "${key}" is not in CFF 1.2.0`).toContain(key);
}

/** A non-empty array of unique persons or entities (authors, contact, editors ...). */
function expectAgents(value: unknown, where: string): void {
  expect(Array.isArray(value) && value.length > 0, `${where}: a non-empty list`).toBe(true);
  const agents = value as Record<string, unknown>[];
  expect(new Set(agents.map((a) => JSON.stringify(a))).size, `${where}: unique items`).toBe(agents.length);
  agents.forEach((agent, k) => {
    expect(typeof agent, `${where}[${k}]: an object`).toBe("object");
    const isEntity = "name" in agent;
    expectOnlyKeys(agent, isEntity ? ENTITY_KEYS : PERSON_KEYS, `${where}[${k}]`);
    for (const [key, field] of Object.entries(agent)) {
      if (key !== "post-code") expect(nonEmptyString(field), `${where}[${k}].${key}: a non-empty string`).toBe(true);
    }
    if (!isEntity) expect("family-names" in agent || "given-names" in agent, `${where}[${k}]: a name`).toBe(true);
  });
}

function expectReference(reference: Record<string, unknown>, where: string): void {
  expectOnlyKeys(reference, REFERENCE_KEYS, where);
  for (const key of ["authors", "title", "type"]) expect(reference, `${where}: required key ${key}`).toHaveProperty(key);
  expectAgents(reference.authors, `${where}.authors`);
  expect(nonEmptyString(reference.title), `${where}.title`).toBe(true);
  expect(REFERENCE_TYPES, `${where}.type`).toContain(reference.type);
  for (const key of REFERENCE_INTEGERS) {
    if (key in reference) expect(Number.isInteger(reference[key]), `${where}.${key}: an integer`).toBe(true);
  }
  if ("issue" in reference) {
    expect(typeof reference.issue === "number" || nonEmptyString(reference.issue), `${where}.issue`).toBe(true);
  }
  if ("issn" in reference) expect(reference.issn, `${where}.issn`).toMatch(/^\d{4}-\d{3}[\dxX]$/);
  if ("languages" in reference) {
    const languages = reference.languages as unknown[];
    expect(languages.length).toBeGreaterThan(0);
    for (const language of languages) expect(language, `${where}.languages`).toMatch(/^[a-z]{2,3}$/);
  }
  for (const key of ["journal", "notes", "abstract"]) {
    if (key in reference) expect(nonEmptyString(reference[key]), `${where}.${key}`).toBe(true);
  }
  for (const key of ["url", "repository", "repository-code", "repository-artifact", "license-url"]) {
    if (key in reference) expect(reference[key], `${where}.${key}`).toMatch(URL_PATTERN);
  }
}

describe("CITATION.cff", () => {
  it("has the structure of Citation File Format 1.2.0", () => {
    expectOnlyKeys(cff, TOP_LEVEL_KEYS, "top level");
    for (const key of ["authors", "cff-version", "message", "title"]) expect(cff, `required key ${key}`).toHaveProperty(key);
    expect(cff["cff-version"]).toBe("1.2.0"); // a string: an unquoted 1.2 would be a number
    expect(nonEmptyString(cff.message)).toBe(true);
    expect(nonEmptyString(cff.title)).toBe(true);
    if ("type" in cff) expect(["dataset", "software"]).toContain(cff.type);
    expectAgents(cff.authors, "authors");
    if ("date-released" in cff) expect(cff["date-released"]).toMatch(DATE_PATTERN);
    for (const key of ["url", "repository", "repository-code", "repository-artifact", "license-url"]) {
      if (key in cff) expect(cff[key], key).toMatch(URL_PATTERN);
    }
    const keywords = cff.keywords as string[];
    expect(keywords.every(nonEmptyString) && new Set(keywords).size === keywords.length).toBe(true);
    const references = cff.references as Record<string, unknown>[];
    expect(references.length).toBeGreaterThan(0);
    references.forEach((reference, k) => expectReference(reference, `references[${k}]`));
    if ("preferred-citation" in cff) expectReference(cff["preferred-citation"] as Record<string, unknown>, "preferred-citation");
  });

  it("states the version and licence of package.json", () => {
    expect(String(cff.version)).toBe(pkg.version);
    expect(cff.license).toBe(pkg.license);
    expect(readmeJoined).toContain(`version ${pkg.version}, ${pkg.license} licence`);
  });

  it("cites the paper exactly as the README does, pages from its printed article number", () => {
    const paper = (cff.references as Record<string, unknown>[])[0]!;
    // The paper prints "0438-0460(2019)06-0122-16": ISSN, year, issue, first page, page count.
    const articleNumber = "0438-0460(2019)06-0122-16";
    const [, issn, year, issue, first, count] = /^(\d{4}-\d{4})\((\d{4})\)(\d+)-(\d+)-(\d+)$/.exec(articleNumber)!;
    expect(paper.issn).toBe(issn);
    expect(paper.year).toBe(Number(year));
    expect(paper.issue).toBe(Number(issue));
    expect(paper.start).toBe(Number(first));
    expect(paper.end).toBe(Number(first) + Number(count) - 1);
    expect(paper.notes).toContain(articleNumber);
    expect(readme).toContain(articleNumber);
    expect(readmeJoined).toContain(`${year}, no. ${Number(issue)}, pp. ${paper.start}–${paper.end}. ISSN ${issn}`);
    expect(readmeJoined).toContain(`*${paper.journal as string}*`);
    const surnames = (paper.authors as { "family-names": string; "given-names": string }[])
      .map((a) => `${a["family-names"]} ${a["given-names"]}`);
    expect(surnames).toEqual(["Xie Nan", "Lin Boqiang", "Su Tong", "Pang Lianfang"]);
    expect(readmeJoined).toContain(` ${surnames.join(", ")} (${year}).`);
    expect(readmeJoined.toLowerCase()).toContain((paper.title as string).toLowerCase());
  });
});
