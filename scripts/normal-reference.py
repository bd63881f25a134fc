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


def main():
    out = {
        "generator": "scripts/normal-reference.py",
        "mpmathDigits": mp.mp.dps,
        "erfc": [{"x": x, "erfc": float(mp.erfc(mp.mpf(x)))} for x in map(as_double, ERFC_X)],
        "cdf": [{"x": x, "cdf": float(phi(mp.mpf(x)))} for x in map(as_double, ["-30", "-8", "-2", "-0.5", "0", "0.7", "3", "9"])],
        "quantile": [{"p": p, "x": float(quantile(mp.mpf(p)))} for p in map(as_double, QUANTILE_P)],
        "fiveStateBounds": [float(quantile(mp.mpf(c) / 16)) for c in [1, 5]],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "normal.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
