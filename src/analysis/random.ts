/**
 * The seeded pseudo-random generator of monteCarlo: xoshiro128** (Blackman & Vigna 2018,
 * period 2^128 - 1) with its 128-bit state filled by splitmix32 from a 32-bit seed. Pure 32-bit
 * integer arithmetic (Math.imul, >>>), so a seed gives the same stream on every JavaScript
 * engine, in Node and in browsers; the kernel backend plays no part in sampling.
 */

import { checkInteger } from "../rules";

/** A stream of uniform numbers in [0, 1) with 32 random bits each. */
export type Uniform = () => number;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128** seeded from `seed` (any integer; taken modulo 2^32). */
export function xoshiro128(seed: number): Uniform {
  checkInteger("seed", seed, Number.MIN_SAFE_INTEGER);
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  return () => {
    const result = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return result / 4294967296;
  };
}
