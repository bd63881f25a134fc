#!/usr/bin/env python3
"""Independent high-precision reference for optimal-reserve (writes tests/fixtures/*.json).

Deliberately a different method from the kernel: the kernel sums Poisson-weighted power series
in double precision; this script integrates the *literal* integrals of docs/model.md sections 5-6 with
mpmath's Gauss-Legendre quadrature at 40 significant digits, in the variable s = H - t + z on
sub-intervals that isolate every feature (the exponential layer of width lambda at t = z, the
spike of width z/m at t = H, the near-pole of the GDP term at t = H/d), and finds z* by bracketed bisection + secant
(Illinois) on ln MB(e^u) - ln MC in u = ln z to 1e-28.

Usage: python3 scripts/reference.py [--jobs N] [--only paper,traps,realistic,corners,evaluations]
       python3 scripts/reference.py --stress bench/stress-params.json bench/stress-reference.json\n(needs mpmath; CI never runs it)
Output: tests/fixtures/{paper,realistic,traps,corners,evaluations}.json
"""
import json
import math
import os
import random
import sys
from multiprocessing import Pool

import mpmath as mp

mp.mp.dps = 40
# Roots below the smallest normal double (2.2e-308 days; a subnormal holds fewer than 15 digits)
# are reported as z* = 0 with status nearZero; the search stops there.
MIN_NORMAL = mp.mpf('2.2250738585072014e-308')
# Gauss-Legendre degree cap per sub-interval (mpmath: 3 * 2^(k-1) nodes at degree k).
GL_DEGREE = 6

BASE = dict(price=50.8, priceFloor=15.0, elasticity=-0.1, meanDisruption=21.0,
            importDependence=0.698, imports=8.65e6, gdpElasticity=0.34, gdp=12.2e12,
            fixedCost=2.5, variableCost=0.4, interestRate=0.0435, horizon=365.0, includeGdp=True)


def refine_bracket(g, lo, glo, hi, ghi):
    """The root of a decreasing g in the bracket [lo, hi] (g(lo) = glo > 0 >= g(hi) = ghi): bisect
    to a width of 1e-6, then Illinois (superlinear) to 1e-28. A fixed count of 12 bisections left
    Illinois stalled on the steep spike of interestRate = 1.8e308 (MB(z*) = 1.018 MC)."""
    while hi - lo > mp.mpf('1e-6'):
        mid = (lo + hi) / 2
        gm = g(mid)
        if gm > 0:
            lo, glo = mid, gm
        else:
            hi, ghi = mid, gm
    side = 0
    for _ in range(200):
        u = (lo * ghi - hi * glo) / (ghi - glo)
        gu = g(u)
        if gu > 0:
            lo, glo = u, gu
            if side == 1:
                ghi /= 2
            side = 1
        else:
            hi, ghi = u, gu
            if side == -1:
                glo /= 2
            side = -1
        if hi - lo < mp.mpf('1e-28') or gu == 0:
            return (lo + hi) / 2
    raise RuntimeError('root not converged: bracket %s' % mp.nstr(hi - lo, 5))


class Case:
    """The model of docs/model.md, in mpmath numbers, for one parameter set."""

    def __init__(self, p):
        self.p = p
        f = mp.mpf
        self.P0 = f(p['price'])
        self.P1 = f(p['priceFloor'])
        self.A = self.P0 - self.P1
        self.m = -1 / f(p['elasticity'])
        self.lam = f(p['meanDisruption'])
        self.d = f(p['importDependence'])
        self.q0 = f(p['imports'])
        self.G = f(p['gdpElasticity']) * f(p['gdp']) * self.d if p['includeGdp'] else f(0)
        self.H = f(p['horizon'])
        self.kappa = f(p['fixedCost']) + f(p['variableCost']) + f(p['interestRate']) * self.P0
        self.MC = self.q0 * self.kappa
        self.Z = self.lam * (1 - mp.exp(-self.H / self.lam))

    def f(self, t):
        return mp.exp(-t / self.lam) / self.Z

    def P(self, Q):
        return self.P1 + self.A * (Q / self.H) ** (-self.m)

    def points(self, z):
        """Sub-interval ends in s = H - t + z (the oil left), for integrals over s in [z, H].

        Working in s, not t, keeps every feature representable however small z is: the spike of
        (s/H)^-m of width z/m sits at s = z, the exponential layer of width lambda at s = H, and
        the near-pole of the GDP term 1/(H(1-d) + d(s - z)) at s = z - H(1-d)/d.
        """
        H, lam, m, d = self.H, self.lam, self.m, self.d
        pts = {z, H}
        # The layer e^-(H-s)/lambda: one point per lambda out to 80 lambda (e^-80 beyond), so no
        # sub-interval spans more than a factor e of decay; then geometrically.
        for k in [0.25, 0.5] + list(range(1, 81)) + [120, 200, 400, 1000, 3000]:
            pts.add(H - lam * k)
        # The spike at s = z (width z/m) and the GDP near-pole just below it (distance
        # H(1-d)/d): points growing by 3x from each out to H, so that no sub-interval is more
        # than 3x longer than its distance to the feature (Gauss-Legendre converges fast there).
        width = z / max(m, mp.mpf(1))
        features = [width * mp.mpf('1e-3')] if z > 0 else []
        if self.G > 0 and d < 1:
            features.append(H * (1 - d) / d)
        for step in features:
            while z + step < H:
                pts.add(z + step)
                step *= 3
        return sorted(s for s in pts if z <= s <= H)

    def quad_s(self, g, z, singular_start=False):
        """int_z^H g(s) ds on the sub-intervals of points(z), by Gauss-Legendre: every
        sub-interval is smooth by construction. (tanh-sinh was tried and, on sub-intervals
        spanning a large exponential decay, converged to values 1e-11 off whatever its degree.)
        With singular_start, the first sub-interval, which holds an integrable endpoint
        singularity at s = z, is taken by tanh-sinh, which is made for those."""
        pts = self.points(z)
        if singular_start:
            head = mp.quad(g, pts[:2], method='tanh-sinh', maxdegree=10)
            return head + mp.quad(g, pts[1:], method='gauss-legendre', maxdegree=GL_DEGREE)
        return mp.quad(g, pts, method='gauss-legendre', maxdegree=GL_DEGREE)

    def weight(self, s, z):
        """f(t) at t = H + z - s."""
        return mp.exp(-(self.H + z - s) / self.lam) / self.Z

    def gdp_rate(self, s, z):
        """G / (H - d t) at t = H + z - s, i.e. G / (H(1-d) + d(s - z)); 0 without the GDP term."""
        if self.G == 0:
            return mp.mpf(0)
        return self.G / (self.H * (1 - self.d) + self.d * (s - z))

    def mb(self, z):
        """Marginal benefit MB(z), USD/yr per day (docs/model.md section 5, literally, in s = H - t + z)."""
        q0, P0 = self.q0, self.P0
        return self.quad_s(lambda s: self.weight(s, z) * (q0 * (self.P(s) - P0) + self.gdp_rate(s, z)), z)

    def slope(self, z):
        """MB'(z) = -f(z) G/(H - d z) + int f(t) q0 P'(H - t + z) dt."""
        H, q0, m, A = self.H, self.q0, self.m, self.A
        dP = lambda Q: -m * A / H * (Q / H) ** (-m - 1)
        return -self.f(z) * self.gdp_rate(H, z) + self.quad_s(lambda s: self.weight(s, z) * q0 * dP(s), z)

    def inner(self, s):
        """Loss still suffered per unit of A when a disruption leaves s: int_s^H g(Q) dQ."""
        H, m = self.H, self.m
        if m == 1:
            return H * mp.log(H / s) - (H - s)
        return H / (1 - m) * (1 - (s / H) ** (1 - m)) - (H - s)

    def expected_loss(self, z):
        """E(z) = expected loss not covered by the reserve z (USD/yr); S = E + C. Here t - z = H - s."""
        if z == 0:
            return self.loss_at_zero()
        q0, A, H = self.q0, self.A, self.H
        return self.quad_s(lambda s: self.weight(s, z) * (q0 * A * self.inner(s) + (H - s) * self.gdp_rate(s, z)), z)

    def loss_at_zero(self):
        """E(0) for m < 2 and d < 1. The CP integrand has the endpoint singularity ~ s^(1-m) at
        s = 0 (t = H), barely integrable as m -> 2; its weight is split as
        f(t) = f(H) + (f(t) - f(H)): the f(H) part is integrated in closed form,
        int_0^H inner(s) ds = H^2 (1/(2-m) - 1/2), and the rest vanishes like s at s = 0."""
        q0, A, H = self.q0, self.A, self.H
        gdp = self.quad_s(lambda s: self.weight(s, 0) * (H - s) * self.gdp_rate(s, 0), mp.mpf(0))
        if A == 0:
            return gdp
        fH = self.f(H)
        closed = fH * H ** 2 * (1 / (2 - self.m) - mp.mpf(1) / 2)
        smooth = self.quad_s(lambda s: (self.weight(s, 0) - fH) * self.inner(s), mp.mpf(0), singular_start=True)
        return q0 * A * (closed + smooth) + gdp

    def loss_at_zero_finite(self):
        return (self.A == 0 or self.m < 2) and not (self.G > 0 and self.d == 1)

    def floor(self):
        """The smallest normal double (days); S varies by ~MC * floor below it."""
        return MIN_NORMAL

    def solve(self):
        """z* and status by docs/model.md section 5."""
        H = self.H
        if self.G > 0 and self.d == 1:
            return H, 'unbounded'
        if self.A == 0 and self.G == 0:
            return mp.mpf(0), 'zero'
        if self.kappa == 0:
            return H, 'horizon'
        if self.A == 0 or self.m < 1:
            if self.mb(mp.mpf(0)) <= self.MC:
                return mp.mpf(0), 'zero'
        g = lambda u: mp.log(self.mb(mp.exp(u))) - mp.log(self.MC)
        # Bracket in u = ln z: MB decreases from +inf (or MB(0) > MC) to 0 at z = H.
        hi = mp.log(H) - mp.mpf(1e-12)
        while True:
            val = self.mb(mp.exp(hi))
            if val < self.MC:
                break
            hi = mp.log(H - (H - mp.exp(hi)) / 1000)
        ghi = mp.log(self.mb(mp.exp(hi))) - mp.log(self.MC)
        lo = mp.log(H) - 1
        glo = g(lo)
        step = mp.mpf(5)
        while glo <= 0:
            hi, ghi = lo, glo
            if lo <= mp.log(MIN_NORMAL):
                return self.floor(), 'nearZero'
            lo = max(lo - step, mp.log(MIN_NORMAL))
            step *= 2
            glo = g(lo)
        return mp.exp(refine_bracket(g, lo, glo, hi, ghi)), 'interior'


def fnum(x):
    """JSON number, or the strings 'Infinity' / '-Infinity'."""
    x = mp.mpf(x)
    if mp.isinf(x) or abs(x) > mp.mpf('1.7976931348623157e308'):
        # Beyond the double range (e.g. MB ~ (H/z)^199 at z = 1e-6): what a double result must say.
        return 'Infinity' if x > 0 else '-Infinity'
    return float(x)


def solve_record(item):
    name, params = item
    p = dict(BASE)
    p.update(params)
    c = Case(p)
    z, status = c.solve()
    if status == 'nearZero':
        # MB(0+) = inf but the root is below the smallest normal double: z* is reported as 0,
        # MB(z*) = MC by definition, MB'(z*) is beyond the double range; S at the floor.
        rec = dict(name=name, params=params, zStar=0.0, zStarDigits='< %s' % mp.nstr(MIN_NORMAL, 17),
                   status='nearZero', marginalCost=fnum(c.MC), marginalBenefit=fnum(c.MC), slope='-Infinity')
    elif status == 'interior' and float(z) == float(c.H):
        # The root is within rounding of H: z* is reported as H with MB(z*) = MC.
        rec = dict(name=name, params=params, zStar=float(c.H), zStarDigits=mp.nstr(z, 30), status='nearHorizon',
                   marginalCost=fnum(c.MC), marginalBenefit=fnum(c.MC), slope=fnum(c.slope(z)))
    else:
        rec = dict(name=name, params=params, zStar=fnum(z), zStarDigits=mp.nstr(z, 30), status=status,
                   marginalCost=fnum(c.MC))
    return add_outcomes(rec, c, z, status)


def add_outcomes(rec, c, z, status):
    """Add MB and MB' at an interior z*, and S(z*) and W(z*) wherever z* is bounded, to the record."""
    if rec['status'] == 'interior':
        rec['marginalBenefit'] = fnum(c.mb(z))
        rec['slope'] = fnum(c.slope(z))
    if status != 'unbounded':
        e = c.expected_loss(z) if z < c.H else mp.mpf(0)
        s = e + c.MC * z
        rec['totalCost'] = fnum(s)
        rec['netBenefit'] = fnum(c.loss_at_zero() - s) if c.loss_at_zero_finite() else 'Infinity'
    return rec


def eval_record(item):
    name, params, zs = item
    p = dict(BASE)
    p.update(params)
    c = Case(p)
    out = []
    for z in zs:
        z = mp.mpf(z)
        out.append(dict(z=float(z), marginalBenefit=fnum(c.mb(z)), slope=fnum(c.slope(z)),
                        totalCost=fnum(c.expected_loss(z) + c.MC * z)))
    return dict(name=name, params=params, points=out)


def paper_cases():
    return [
        ('base', {}),
        ('no GDP term', dict(includeGdp=False)),
        ('costs +50%', dict(fixedCost=3.75, variableCost=0.6, interestRate=0.06525)),
        ('costs +100%', dict(fixedCost=5.0, variableCost=0.8, interestRate=0.087)),
        ('lambda 31', dict(meanDisruption=31.0)),
        ('lambda 42', dict(meanDisruption=42.0)),
        ('price 76.2', dict(price=76.2)),
        ('price 101.6', dict(price=101.6)),
    ]


def realistic_cases(n, seed=20190401):
    """Random realistic sets: lambda log-uniform [5, 100], m log-uniform [2, 20], d in [0.3, 0.95],
    no GDP term in 10% of rows, costs log-spread so that z* covers most of (0, H)."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        lam = math.exp(rng.uniform(math.log(5), math.log(100)))
        m = math.exp(rng.uniform(math.log(2), math.log(20)))
        p0 = rng.uniform(20, 120)
        params = dict(
            price=p0, priceFloor=p0 * rng.uniform(0, 0.6), elasticity=-1 / m, meanDisruption=lam,
            importDependence=rng.uniform(0.3, 0.95), imports=10 ** rng.uniform(5, 7.5),
            gdpElasticity=rng.uniform(0, 0.6), gdp=10 ** rng.uniform(11, 13.5),
            fixedCost=10 ** rng.uniform(-1.5, 1.5), variableCost=rng.uniform(0, 2),
            interestRate=rng.uniform(0, 0.1), includeGdp=rng.random() >= 0.1)
        out.append(('realistic %d' % k, params))
    return out


def trap_cases():
    t = []
    add = lambda name, **kw: t.append((name, kw))
    # m near an integer, and exactly integer
    for eps in (-0.1, -0.2, -0.25, -0.5, -1.0, -1 / 3, -0.05, -1 / (3 + 1e-9), -1 / (2 - 1e-9),
                -1 / (1 + 1e-12), -1 / (5 - 1e-13)):
        add('m near integer, eps=%r' % eps, elasticity=eps)
        add('m near integer, no GDP, eps=%r' % eps, elasticity=eps, includeGdp=False)
    # m large, up to 200
    for eps in (-0.02, -0.01, -0.005):
        add('large m, eps=%r' % eps, elasticity=eps)
        add('large m, no GDP, eps=%r' % eps, elasticity=eps, includeGdp=False)
        add('large m, small lambda, eps=%r' % eps, elasticity=eps, meanDisruption=0.5, includeGdp=False)
    # lambda across its range
    for lam in (0.1, 0.3, 0.52, 1.0, 3.0, 100.0, 1000.0, 1e4):
        add('lambda=%r' % lam, meanDisruption=lam)
        add('lambda=%r, no GDP' % lam, meanDisruption=lam, includeGdp=False)
    # tiny z*: tiny lambda, no GDP term, expensive storage
    add('tiny z*, lambda 0.1', meanDisruption=0.1, includeGdp=False, fixedCost=50.0)
    add('tiny z*, lambda 0.1, m 2', meanDisruption=0.1, includeGdp=False, fixedCost=50.0, elasticity=-0.5)
    add('tiny z*, lambda 0.2, m 1.2', meanDisruption=0.2, includeGdp=False, fixedCost=500.0, elasticity=-1 / 1.2)
    add('tiny z*, lambda 0.1, m 1.05', meanDisruption=0.1, includeGdp=False, fixedCost=1e3, elasticity=-1 / 1.05)
    # z* near H: almost free storage
    add('near H, cheap', fixedCost=1e-4, variableCost=0.0, interestRate=0.0)
    add('near H, very cheap', fixedCost=1e-9, variableCost=0.0, interestRate=0.0)
    add('near H, very cheap, no GDP', fixedCost=1e-9, variableCost=0.0, interestRate=0.0, includeGdp=False)
    add('near H, lambda 1e4', fixedCost=1e-3, variableCost=0.0, interestRate=0.0, meanDisruption=1e4)
    # d near 1
    for d in (0.99, 0.999999, 1 - 1e-12):
        add('d=%r' % d, importDependence=d)
    add('d=1, GDP (unbounded)', importDependence=1.0)
    add('d=1, no GDP', importDependence=1.0, includeGdp=False)
    add('d tiny', importDependence=1e-6)
    # corners
    add('zero: m<1, costly', elasticity=-2.0, includeGdp=False, fixedCost=200.0)
    add('interior: m<1', elasticity=-2.0, includeGdp=False)
    add('m=0.1, GDP', elasticity=-10.0)
    add('no CP term (P1 = P0)', priceFloor=50.8)
    add('no CP term, zero', priceFloor=50.8, fixedCost=500.0)
    add('no CP, no GDP', priceFloor=50.8, includeGdp=False)
    add('free storage (horizon)', fixedCost=0.0, variableCost=0.0, interestRate=0.0)
    add('H = 1', horizon=1.0, meanDisruption=0.5)
    add('H = 3650', horizon=3650.0, meanDisruption=200.0)
    add('H = 3650, lambda 0.1', horizon=3650.0, meanDisruption=0.1)
    add('P1 = 0', priceFloor=0.0)
    add('delta = 0', gdpElasticity=0.0)
    add('critical mineral', price=20000.0, priceFloor=5000.0, elasticity=-0.3, meanDisruption=45.0,
        importDependence=0.9, imports=300.0, gdpElasticity=0.01, gdp=2e12, fixedCost=150.0,
        variableCost=20.0, interestRate=0.05)
    return t


def corner_cases():
    """Issue #14's extremes: magnitudes at the ends of the double range (z* depends on money only
    through ratios), d within a few ulps of 1, and a root below the normal doubles. (Roots within
    rounding of H, status nearHorizon, lie closer to H than 40 digits resolve; tests/corners.test.ts
    checks those by MB(H - ulp) > MC instead. Nor are the roots near 1e-32 days of interestRate = 1.8e308
    or fixedCost = 1e300 here: the sub-interval quadrature of the spike of width 1e-33 is only good to
    about 1e-6 there; the test checks those by the exact power law z* ~ MC^(-1/(m-1)) instead.)"""
    t = []
    add = lambda name, **kw: t.append((name, kw))
    for price in (1e300, 1e307, 1.7976931348623157e308):
        add('price %r, floor 0' % price, price=price, priceFloor=0.0)
    add('price 1e-300, floor 0', price=1e-300, priceFloor=0.0)
    add('imports 1e308', imports=1e308)
    for d in (1 - 2 ** -53, 1 - 2 ** -52, 1 - 1e-15):
        add('d=%r' % d, importDependence=d)
    add('root below the normal doubles, lambda 0.1, m 1.01', meanDisruption=0.1, includeGdp=False, fixedCost=1e3,
        elasticity=-1 / 1.01)
    return t


def evaluation_cases():
    sets = [
        ('base', {}),
        ('no GDP', dict(includeGdp=False)),
        ('m 1', dict(elasticity=-1.0)),
        ('m 0.5', dict(elasticity=-2.0)),
        ('m 200', dict(elasticity=-0.005)),
        ('lambda 0.1', dict(meanDisruption=0.1)),
        ('lambda 1e4', dict(meanDisruption=1e4)),
        ('d 0.999999', dict(importDependence=0.999999)),
        ('eps -0.1 lambda 3', dict(meanDisruption=3.0)),
        ('H 3650', dict(horizon=3650.0, meanDisruption=200.0)),
    ]
    zs = [1e-6, 0.01, 1.0, 30.0, 117.0, 300.0, 364.0, 364.999, 364.9999999]
    out = []
    for name, params in sets:
        h = params.get('horizon', 365.0)
        pts = [z * h / 365.0 for z in zs]
        if params.get('elasticity') == -0.005:
            pts = [z for z in pts if z >= 1.0]   # MB ~ (H/z)^200 overflows double below
        out.append((name, params, pts))
    return out


CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '.reference-cache.jsonl')


def cache_key(fn, item):
    return json.dumps([fn.__name__, item], sort_keys=True)


def load_cache():
    """Records already computed (a rerun after an interruption skips them); never committed."""
    done = {}
    if os.path.exists(CACHE):
        with open(CACHE) as fh:
            for line in fh:
                entry = json.loads(line)
                done[entry['key']] = entry['rec']
    return done


def timed(job):
    import time
    k, fn, item = job
    start = time.time()
    rec = fn(item)
    return k, rec, time.time() - start


def stress_record(params):
    """z* alone, for the bench's stress rows (bench/stress-reference.json)."""
    p = dict(BASE)
    p.update(params)
    z, status = Case(p).solve()
    return dict(name='stress', zStar=0.0 if status == 'nearZero' else fnum(z))


def stress_main(path, out, jobs):
    """--stress IN OUT: reference z* for the rows of IN (from npm run bench:stress-params)."""
    with open(path) as fh:
        rows = json.load(fh)
    with Pool(jobs) as pool:
        recs = pool.map(stress_record, rows, chunksize=4)
    with open(out, 'w') as fh:
        json.dump(dict(generator='scripts/reference.py --stress', dps=mp.mp.dps, params=rows,
                       zStar=[r['zStar'] for r in recs]), fh)
    print('wrote', out, len(recs))


def main():
    jobs = int(sys.argv[sys.argv.index('--jobs') + 1]) if '--jobs' in sys.argv else os.cpu_count()
    if '--stress' in sys.argv:
        k = sys.argv.index('--stress')
        return stress_main(sys.argv[k + 1], sys.argv[k + 2], jobs)
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = os.path.join(here, '..', 'tests', 'fixtures')
    os.makedirs(outdir, exist_ok=True)
    meta = dict(generator='scripts/reference.py', mpmathVersion=mp.__version__, dps=mp.mp.dps)
    only = sys.argv[sys.argv.index('--only') + 1].split(',') if '--only' in sys.argv else None
    sets = (('paper', paper_cases(), solve_record),
            ('traps', trap_cases(), solve_record),
            ('realistic', realistic_cases(120), solve_record),
            ('corners', corner_cases(), solve_record),
            ('evaluations', evaluation_cases(), eval_record))
    with Pool(jobs) as pool:
        for fname, items, fn in sets:
            if only and fname not in only:
                continue
            cache = load_cache()
            recs = [cache.get(cache_key(fn, item)) for item in items]
            jobs_in = [(k, fn, item) for k, item in enumerate(items) if recs[k] is None]
            for k, rec, seconds in pool.imap_unordered(timed, jobs_in):
                recs[k] = rec
                with open(CACHE, 'a') as fh:
                    fh.write(json.dumps(dict(key=cache_key(fn, items[k]), rec=rec)) + '\n')
                print('%s %d/%d %.1fs %s' % (fname, k, len(items), seconds, rec['name']), flush=True)
            with open(os.path.join(outdir, fname + '.json'), 'w') as fh:
                json.dump(dict(meta=meta, cases=recs), fh, indent=1)
            print('wrote', fname, len(recs), flush=True)


if __name__ == '__main__':
    main()
