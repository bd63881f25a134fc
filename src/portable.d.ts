/**
 * AssemblyScript's numeric type names, as seen by TypeScript. The kernel in assembly/kernel/ is
 * written in the subset of TypeScript that both compilers accept; under tsc and esbuild these
 * names are plain aliases, so the JavaScript fallback runs the very same source. Only widening
 * casts (<f64> on an i32) appear in kernel code, which are exact in both.
 */
declare type f64 = number;
declare type i32 = number;
declare type bool = boolean;
