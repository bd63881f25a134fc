/*
 * Native ceiling of the benchmark: the kernel of assembly/kernel/, translated to C by
 * translate.mjs (kernel.c, included here), solving the stress rows in a loop.
 * Usage: driver ROWS.bin N REPEATS ZSTAR_OUT.bin
 *   ROWS.bin: N rows of ROW doubles in kernel order (assembly/kernel/layout.ts), native endianness.
 * Prints the best ns/solve over REPEATS passes and the MB evaluations per solve; writes z*.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "kernel.c"

/* Doubles per row: KERNEL_PARAMETERS of assembly/kernel/layout.ts. */
#define ROW 16

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: driver ROWS.bin N REPEATS ZSTAR_OUT.bin\n");
    return 2;
  }
  const long n = atol(argv[2]);
  const int repeats = atoi(argv[3]);
  double *rows = malloc(sizeof(double) * ROW * n);
  double *z = malloc(sizeof(double) * n);
  FILE *in = fopen(argv[1], "rb");
  if (!in || fread(rows, sizeof(double), ROW * n, in) != (size_t)(ROW * n)) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  fclose(in);
  double best = 1e300;
  long evaluationsTotal = 0;
  for (int r = 0; r < repeats; r++) {
    long evaluationsPass = 0;
    const double t0 = now_ns();
    for (long i = 0; i < n; i++) {
      const double *p = rows + ROW * i;
      loadCase(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
      solveLoaded();
      z[i] = outZStar;
      evaluationsPass += outIterations;
    }
    const double dt = (now_ns() - t0) / (double)n;
    if (dt < best) best = dt;
    evaluationsTotal = evaluationsPass;
  }
  FILE *out = fopen(argv[4], "wb");
  fwrite(z, sizeof(double), n, out);
  fclose(out);
  printf("%.1f %.3f\n", best, (double)evaluationsTotal / (double)n);
  return 0;
}
