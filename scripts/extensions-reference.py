#!/usr/bin/env python3
"""Independent high-precision reference for the model extensions (writes tests/fixtures/extensions.json).

The three extensions of docs/model.md, "Rare events, a choke price, a bounded GDP loss", integrated
*literally* with the quadrature of scripts/reference.py (mpmath Gauss-Legendre at 40 digits on
sub-intervals in s = H - t + z), never with the kernel's closed forms:
  - eventProbability p: MB, the expected loss E and every gain multiplied by p (MC is not);
  - chokePrice Pc: inverse demand min(Pc, P1 + A (Q/H)^-m), its kink at Qc added as a sub-interval
    end, the loss still suffered int_s^H (P(Q) - P0) dQ integrated with the cap, and E(0) as the
    plain integral (finite under a cap for every m);
  - gdpLossForm 'linear': the GDP rate delta gdp0 d / H instead of delta gdp0 d / (H - d t).
z* by the bracketed bisection + Illinois of scripts/reference.py on ln MB(e^u) - ln MC.

Usage: python3 scripts/extensions-reference.py [--jobs N]   (needs mpmath; CI never runs it)
Output: tests/fixtures/extensions.json, cases by regime (event, choke, linear, combined), each with
the solve outputs and MB, MB', S at a few reserves (evaluate).
"""
import json
import os
import sys
from multiprocessing import Pool

import mpmath as mp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import BASE, Case, add_outcomes, fnum, refine_bracket  # noqa: E402  (the paper model, its quadrature, the number format, its root search, its record)

EXT_DEFAULTS = dict(eventProbability=1.0, chokePrice=float('inf'), gdpLossForm='paper')


class ExtCase(Case):
    """The extended model: Case with p, a choke price and the GDP loss form."""

    def __init__(self, p):
        super().__init__(p)
        self.prob = mp.mpf(p['eventProbability'])
        self.Pc = mp.mpf(p['chokePrice']) if p['chokePrice'] != float('inf') else mp.inf
        self.linear = p['gdpLossForm'] == 'linear'
        # Qc solves P1 + A (Q/H)^-m = Pc; 0 without a cap (or without a CP term).
        if self.Pc != mp.inf and self.A > 0:
            self.Qc = self.H * ((self.Pc - self.P1) / self.A) ** (-1 / self.m)
        else:
            self.Qc = mp.mpf(0)

    def P(self, Q):
        if Q < self.Qc:
            return self.Pc
        return self.P1 + self.A * (Q / self.H) ** (-self.m)

    def points(self, z):
        pts = super().points(z)
        if z < self.Qc < self.H:
            # The kink of the capped demand, with points growing by 3x away from it on its right
            # (the spike of (s/H)^-m there has width about Qc/m).
            pts.append(self.Qc)
            step = self.Qc / max(self.m, mp.mpf(1)) * mp.mpf('1e-2')
            while self.Qc + step < self.H:
                pts.append(self.Qc + step)
                step *= 3
        return sorted(set(pts))

    def gdp_rate(self, s, z):
        if self.G == 0:
            return mp.mpf(0)
        if self.linear:
            return self.G / self.H
        return super().gdp_rate(s, z)

    def mb(self, z):
        return self.prob * super().mb(z)

    def slope(self, z):
        H, q0, m, A = self.H, self.q0, self.m, self.A

        def dP(Q):
            return mp.mpf(0) if Q < self.Qc else -m * A / H * (Q / H) ** (-m - 1)
        gdp = self.gdp_rate(H, z)
        return self.prob * (-self.f(z) * gdp + self.quad_s(lambda s: self.weight(s, z) * q0 * dP(s), z))

    def inner(self, s):
        """int_s^H (P(Q) - P0)/A dQ with the cap: the uncapped part above Qc, c (Qc - s) below."""
        if s >= self.Qc:
            return super().inner(s)
        c = (self.Pc - self.P0) / self.A
        return super().inner(self.Qc) + c * (self.Qc - s)

    def expected_loss(self, z):
        if z == 0:
            return self.loss_at_zero()
        return self.prob * super().expected_loss(z)

    def loss_at_zero(self):
        if self.Qc > 0:
            # Under a cap the integrand is bounded at s = 0: the plain integral over [0, H].
            q0, A, H = self.q0, self.A, self.H
            z = mp.mpf(0)
            return self.prob * self.quad_s(
                lambda s: self.weight(s, z) * (q0 * A * self.inner(s) + (H - s) * self.gdp_rate(s, z)), z)
        return self.prob * super().loss_at_zero()

    def loss_at_zero_finite(self):
        pole = self.G > 0 and self.d == 1 and not self.linear
        return (self.A == 0 or self.m < 2 or self.Qc > 0) and not pole

    def solve(self):
        """z* and status by docs/model.md, "Equations", with the extensions' corners."""
        H = self.H
        if self.G > 0 and self.d == 1 and not self.linear:
            return H, 'unbounded'
        if self.A == 0 and self.G == 0:
            return mp.mpf(0), 'zero'
        if self.kappa == 0:
            return H, 'horizon'
        # MB(0+) is finite without the CP term, for m < 1 and under a cap.
        if (self.A == 0 or self.m < 1 or self.Qc > 0) and self.mb(mp.mpf(0)) <= self.MC:
            return mp.mpf(0), 'zero'
        return root(self)


def root(c):
    """The root of ln MB(e^u) - ln MC in u = ln z: bracket, bisect to 1e-6, then Illinois to 1e-28
    (the search of scripts/reference.py, without its corner checks)."""
    H = c.H
    g = lambda u: mp.log(c.mb(mp.exp(u))) - mp.log(c.MC)
    hi = mp.log(H) - mp.mpf(1e-12)
    while c.mb(mp.exp(hi)) >= c.MC:
        hi = mp.log(H - (H - mp.exp(hi)) / 1000)
    ghi = g(hi)
    lo = mp.log(H) - 1
    glo = g(lo)
    step = mp.mpf(5)
    while glo <= 0:
        hi, ghi = lo, glo
        lo = lo - step
        step *= 2
        if lo < -700:
            raise RuntimeError('root below e^-700 days')
        glo = g(lo)
    return mp.exp(refine_bracket(g, lo, glo, hi, ghi)), 'interior'


def record(item):
    """The solve record (as scripts/reference.py writes it) and MB, MB', S at the reserves zs."""
    name, regime, params, zs = item
    p = dict(BASE)
    p.update(EXT_DEFAULTS)
    p.update(params)
    c = ExtCase(p)
    z, status = c.solve()
    rec = dict(name=name, regime=regime, params=params, zStar=fnum(z), zStarDigits=mp.nstr(z, 30), status=status,
               marginalCost=fnum(c.MC))
    add_outcomes(rec, c, z, status)
    rec['points'] = [dict(z=float(x), marginalBenefit=fnum(c.mb(mp.mpf(x))), slope=fnum(c.slope(mp.mpf(x))),
                          totalCost=fnum(c.expected_loss(mp.mpf(x)) + c.MC * mp.mpf(x))) for x in zs if x < c.H]
    return rec


ZS = [0.5, 5.0, 60.0, 200.0, 364.0]


def cases():
    out = []

    def add(regime, name, zs=ZS, **kw):
        out.append((name, regime, kw, zs))
    # eventProbability: the paper's cases at rare-event probabilities (identity tested separately).
    for prob in (0.5, 0.1, 0.02, 1e-3):
        add('event', 'base, p %r' % prob, eventProbability=prob)
        add('event', 'no GDP, p %r' % prob, eventProbability=prob, includeGdp=False)
    add('event', 'm 0.5, p 0.05 (zero corner)', eventProbability=0.05, elasticity=-2.0, includeGdp=False, fixedCost=20.0)
    add('event', 'm 1.5, p 0.3', eventProbability=0.3, elasticity=-1 / 1.5, includeGdp=False)
    # chokePrice: from just above P0 to far beyond, with m from 0.5 to 20, lambda small and large.
    for pc in (51.0, 60.0, 100.0, 500.0, 1e4, 1e8):
        add('choke', 'base, Pc %r' % pc, chokePrice=pc)
        add('choke', 'no GDP, Pc %r' % pc, chokePrice=pc, includeGdp=False)
    for eps in (-0.05, -0.2, -0.5, -1.0, -2.0):
        add('choke', 'eps %r, Pc 150' % eps, elasticity=eps, chokePrice=150.0, includeGdp=False)
    add('choke', 'lambda 3, Pc 200', meanDisruption=3.0, chokePrice=200.0)
    add('choke', 'lambda 200, Pc 200', meanDisruption=200.0, chokePrice=200.0)
    add('choke', 'P1 0, Pc 80', priceFloor=0.0, chokePrice=80.0, includeGdp=False)
    add('choke', 'expensive, Pc 60 (z* below Qc)', chokePrice=60.0, fixedCost=40.0, includeGdp=False)
    add('choke', 'expensive, Pc 55, m 0.5 (zero)', chokePrice=55.0, fixedCost=400.0, elasticity=-2.0, includeGdp=False)
    # Small z* (below lambda/4, where W(z*) is formed from E(0) - E(z*)): below Qc, and above a small Qc.
    add('choke', 'no GDP, Pc 70, c 10 (z* ~ 1 day < Qc)', chokePrice=70.0, fixedCost=10.0, includeGdp=False)
    add('choke', 'no GDP, lambda 1000, Pc 1e12 (Qc 32 days)', chokePrice=1e12, meanDisruption=1000.0, includeGdp=False)
    add('choke', 'no GDP, lambda 1000, Pc 1e12, c 200', chokePrice=1e12, meanDisruption=1000.0, fixedCost=200.0,
        includeGdp=False)
    # gdpLossForm 'linear': d across (0, 1], with and without the CP term.
    for d in (0.3, 0.698, 0.99, 1.0):
        add('linear', 'linear, d %r' % d, gdpLossForm='linear', importDependence=d)
        add('linear', 'linear, d %r, no CP' % d, gdpLossForm='linear', importDependence=d, priceFloor=50.8)
    add('linear', 'linear, d 1, lambda 60', gdpLossForm='linear', importDependence=1.0, meanDisruption=60.0)
    add('linear', 'linear, d 1, H 30, lambda 0.2', gdpLossForm='linear', importDependence=1.0, horizon=30.0,
        meanDisruption=0.2, fixedCost=0.5)
    # All three together: a critical mineral (gallium-like magnitudes, assumptions, not data).
    for prob, pc in ((0.2, 2000.0), (0.05, 5000.0), (0.5, 1200.0)):
        add('combined', 'mineral p %r, Pc %r, linear, d 1' % (prob, pc), eventProbability=prob, chokePrice=pc,
            gdpLossForm='linear', price=670.0, priceFloor=0.0, elasticity=-0.16, meanDisruption=30.0,
            importDependence=1.0, imports=0.16, gdpElasticity=1.0, gdp=2e9, fixedCost=15.0, variableCost=5.0,
            interestRate=0.04)
    add('combined', 'base, p 0.25, Pc 300, linear', eventProbability=0.25, chokePrice=300.0, gdpLossForm='linear')
    return out


def main():
    jobs = int(sys.argv[sys.argv.index('--jobs') + 1]) if '--jobs' in sys.argv else os.cpu_count()
    items = cases()
    with Pool(jobs) as pool:
        recs = pool.map(record, items, chunksize=1)
    here = os.path.dirname(os.path.abspath(__file__))
    meta = dict(generator='scripts/extensions-reference.py', mpmathVersion=mp.__version__, dps=mp.mp.dps)
    with open(os.path.join(here, '..', 'tests', 'fixtures', 'extensions.json'), 'w') as fh:
        json.dump(dict(meta=meta, cases=recs), fh, indent=1)
    print('wrote extensions', len(recs))


if __name__ == '__main__':
    main()
