/** Provenance stamped on every analysis result, so any number can be re-derived. */
import type { BackendName } from "./backend/index";
import type { Params } from "./params";
import { checkOptions } from "./rules";
import { VERSION } from "./version";

export interface Meta {
  /** optimal-reserve version that produced the result. */
  version: string;
  /** Kernel backend used. */
  backend: BackendName;
  /** Hash of the base parameters (hashParams). */
  paramsHash: string;
  /** PRNG seed, where sampling was involved. */
  seed?: number;
}

/**
 * The extensions' defaults (docs/model.md section 11), left out of the hash so that a parameter set
 * of the paper's model hashes as it did before they existed (and a set with no choke price never
 * meets JSON's null for Infinity).
 */
const EXTENSION_DEFAULTS: Readonly<Record<string, unknown>> = { eventProbability: 1, chokePrice: Infinity, gdpLossForm: "paper" };

/**
 * A 53-bit hash (cyrb53) of the parameters as canonical JSON (keys sorted, the extensions at
 * their defaults left out), as 14 hex digits: equal parameter sets give equal hashes on every platform.
 */
export function hashParams(params: Readonly<Params>): string {
  checkOptions("params", params);
  const keys = Object.keys(params).filter((k) => !(k in EXTENSION_DEFAULTS) || params[k as keyof Params] !== EXTENSION_DEFAULTS[k]);
  const text = JSON.stringify(keys.sort().map((k) => [k, params[k as keyof Params]]));
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/** Build a Meta record. */
export function makeMeta(backend: BackendName, params: Readonly<Params>, seed?: number): Meta {
  return seed === undefined
    ? { version: VERSION, backend, paramsHash: hashParams(params) }
    : { version: VERSION, backend, paramsHash: hashParams(params), seed };
}
