#!/usr/bin/env python3
"""Reference values of the per-day loss shapes (assembly/kernel/daily-loss.ts) at 50 digits.

w(s) = integral_0^s ((1 - v)^-m - 1) dv, w'(s) = (1 - s)^-m - 1 and
J(u) = integral_1^u x^(-1/m) dx, each by mpmath quadrature of the defining integral (not the
closed forms the kernel uses), at small, medium and near-total shortfalls and across the
package's range of m. Writes tests/fixtures/daily-loss.json; the tests never need Python.
Run: python3 scripts/daily-loss-reference.py
"""
import json
import os

import mpmath as mp

mp.mp.dps = 50

M_VALUES = ["0.1", "0.5", "1", "2.5", "10", "40", "200"]
S_VALUES = ["1e-9", "1e-5", "0.001", "0.01", "0.05", "0.2", "0.49", "0.51", "0.7", "0.9", "0.99"]
U_VALUES = ["1.000001", "1.01", "1.5", "3", "30", "1000"]


def w(s, m):
    return mp.quad(lambda v: (1 - v) ** (-m) - 1, [0, s / 2, s])


def w_prime(s, m):
    return (1 - s) ** (-m) - 1


def j(u, m):
    return mp.quad(lambda x: x ** (-1 / m), [1, u])


def main():
    shapes = []
    for m_text in M_VALUES:
        m = mp.mpf(float(m_text))  # the exact double the test passes
        for s_text in S_VALUES:
            s = mp.mpf(float(s_text))
            value = w(s, m)
            if value > mp.mpf("1e300"):
                continue
            shapes.append({"m": float(m), "s": float(s), "w": float(value), "wPrime": float(w_prime(s, m))})
    price_losses = []
    for m_text in M_VALUES:
        m = mp.mpf(float(m_text))  # the exact double the test passes
        for u_text in U_VALUES:
            u = mp.mpf(float(u_text))
            price_losses.append({"m": float(m), "u": float(u), "J": float(j(u, m))})
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "daily-loss.json")
    with open(out, "w") as f:
        json.dump({"generator": "scripts/daily-loss-reference.py", "mpmathDigits": 50,
                   "shortfall": shapes, "priceLoss": price_losses}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(shapes)} shortfall and {len(price_losses)} price-loss references")


if __name__ == "__main__":
    main()
