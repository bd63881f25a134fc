#!/usr/bin/env python3
"""Reference values of erfc, the normal tails and quantiles (src/strategy/normal.ts) at 50 digits.

erfc(x) by mpmath.erfc across the branches of Cody's approximation (|x| <= 0.46875, up to 4,
beyond, negative arguments, near underflow); Phi(x) = erfc(-x/sqrt 2)/2; the quantile x with
Phi(x) = p for lower-tail p down to 2^-200 (the smallest mass of a 201-state price grid); and the
cell bounds of a 5-state grid (quantiles of the Binomial(4, 1/2) cumulative masses).
Writes tests/fixtures/normal.json; the tests never need Python.
Run: python3 scripts/normal-reference.py
"""
import json
import os

import mpmath as mp

mp.mp.dps = 50

ERFC_X = ["-5", "-3.2", "-1", "-0.46875", "-0.3", "-1e-10", "0", "1e-12", "0.1", "0.46875", "0.46876", "0.8",
          "1.5", "2.75", "3.99", "4", "4.01", "6.3", "10", "18.5", "26"]
QUANTILE_P = ["0.5", "0.4", "0.3125", "0.0625", "0.01", "1e-5", "1e-20", "1e-100", str(mp.mpf(2) ** -200)]


def as_double(text):
    """The double nearest the decimal: the reference is taken at the argument the test passes."""
    return float(mp.mpf(text))


def phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def quantile(p):
    return mp.findroot(lambda x: phi(x) - p, mp.sqrt(2) * mp.erfinv(2 * p - 1) if p > mp.mpf("1e-15") else -mp.sqrt(-2 * mp.log(p)), tol=mp.mpf(10) ** -45)


BIVARIATE = [(0.489, 1.534, 1.0, 1.534, 0.972), (-float("inf"), -0.489, 0.489, float("inf"), 0.972),
             (0.2, 0.9, -0.3, 0.5, 0.5), (1.0, float("inf"), 1.0, float("inf"), 0.999)]


def bivariate(a, b, c, d, rho):
    """P(a < Z <= b, c < Z' <= d), correlation rho: the outer integral by mpmath quadrature, the inner exactly."""
    e = mp.sqrt(1 - mp.mpf(rho) ** 2)
    inner = lambda z: mp.npdf(z) * (phi((d - rho * z) / e) - phi((c - rho * z) / e))
    # Breakpoints every 0.05 over the finite part of [a, b] within +-12 (the inner probability moves over sqrt(1 - rho^2)).
    lo = max(a, -12)
    hi = min(b, 12)
    points = [mp.mpf(lo) + (mp.mpf(hi) - lo) * k / 400 for k in range(401)]
    return mp.fsum(mp.quad(inner, [points[k], points[k + 1]]) for k in range(400))


def finite(x):
    """JSON has no infinities: they are written as the strings "Infinity" and "-Infinity"."""
    return x if mp.isfinite(x) else ("Infinity" if x > 0 else "-Infinity")


def main():
    out = {
        "generator": "scripts/normal-reference.py",
        "mpmathDigits": mp.mp.dps,
        "erfc": [{"x": x, "erfc": float(mp.erfc(mp.mpf(x)))} for x in map(as_double, ERFC_X)],
        "cdf": [{"x": x, "cdf": float(phi(mp.mpf(x)))} for x in map(as_double, ["-30", "-8", "-2", "-0.5", "0", "0.7", "3", "9"])],
        "quantile": [{"p": p, "x": float(quantile(mp.mpf(p)))} for p in map(as_double, QUANTILE_P)],
        "bivariate": [{"a": finite(a), "b": finite(b), "c": finite(c), "d": finite(d), "rho": r, "mass": float(bivariate(a, b, c, d, r))} for a, b, c, d, r in BIVARIATE],
        "fiveStateBounds": [float(quantile(mp.mpf(c) / 16)) for c in [1, 5]],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "normal.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
