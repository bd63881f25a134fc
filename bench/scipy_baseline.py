#!/usr/bin/env python3
"""scipy quad + brentq on the bench's first N stress rows: the usual research-code solver.
Reads a JSON list of parameter sets on stdin; prints {"seconds": per-solve, "zStar": [...],
"warnings": count of scipy IntegrationWarnings (quad's own admission that it struggled)}.
Started at z = 1e-6 as such scripts are (docs/model.md section 8: that silently returns 0 on about 3% of cases)."""
import json
import math
import sys
import time
import warnings

from scipy.integrate import quad
from scipy.optimize import brentq


def marginal_benefit(p, z):
    m = -1 / p['elasticity']
    lam, h, d = p['meanDisruption'], p['horizon'], p['importDependence']
    g = p['gdpElasticity'] * p['gdp'] * d if p['includeGdp'] else 0.0
    norm = lam * (1 - math.exp(-h / lam))

    def integrand(t):
        q = h - t + z
        price = p['priceFloor'] + (p['price'] - p['priceFloor']) * (q / h) ** (-m)
        return math.exp(-t / lam) / norm * (p['imports'] * (price - p['price']) + g / (h - d * t))

    return quad(integrand, z, h, limit=200)[0]


def solve(p):
    mc = p['imports'] * (p['fixedCost'] + p['variableCost'] + p['interestRate'] * p['price'])
    f = lambda z: marginal_benefit(p, z) - mc
    lo, hi = 1e-6, p['horizon'] * (1 - 1e-9)
    if f(lo) <= 0:
        return 0.0
    return brentq(f, lo, hi, xtol=1e-12)


def main():
    rows = json.load(sys.stdin)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        start = time.perf_counter()
        zs = [solve(p) for p in rows]
        seconds = (time.perf_counter() - start) / len(rows)
    json.dump({"seconds": seconds, "zStar": zs, "warnings": len(caught)}, sys.stdout)


if __name__ == '__main__':
    main()
