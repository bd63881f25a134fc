/**
 * The choke price (Params.chokePrice, docs/model.md, "A choke price"): inverse demand saturates
 * at Pc > P0, P(Q) = min(Pc, P1 + A (Q/H)^-m), A = P0 - P1, so the price stops rising below
 *
 *   Qc = H ((Pc - P1)/A)^(-1/m),   ln(Qc/H) = -ln((Pc - P1)/A) / m.
 *
 * With s = H - t + z the oil left at disruption t, the CP integrand g(s) = (s/H)^-m - 1 becomes
 * c = (Pc - P0)/A for s < Qc. Since MB_CP(z) = q0 A e^(-z/lambda) IB(z) / Z with
 * IB(z) = int_z^H e^(-(H-s)/lambda) g(s) ds (consumer.ts, w = H - s), a reserve z >= Qc is not
 * affected at all, and for z < Qc (disruptions t > tc = H + z - Qc are the capped ones) the
 * integral splits at s = Qc into the uncapped part, which no longer depends on z, and a closed form:
 *
 *   IB_c(z) = IB(Qc) + c lambda e^(-(H-Qc)/lambda) (1 - e^(-u)),          u = (Qc - z)/lambda
 *   MB_c'(z) = -q0 A e^(-z/lambda) K / (lambda Z),                        K = IB(Qc) + c lambda e^(-(H-Qc)/lambda)
 *   ID_c(z) = e^(-u) ID(Qc) + lambda [IB(Qc) (1 - e^(-u)) + c lambda e^(-(H-Qc)/lambda) (1 - e^(-u) (1 + u))]
 *
 * (the last from E(z) = E(Qc) + int_z^Qc MB_c; the CP loss E_CP = q0 A e^(-z/lambda) ID / Z).
 * The capped part c lambda e^(-(H-Qc)/lambda) (1 - e^(-u)) is the paper-style term
 * (Pc - P0) q0 [F(H) - F(tc)] of docs/model.md. MB is continuous with its slope at Qc; IB(Qc) and
 * ID(Qc) come from one evaluation of consumer.ts per case (prepareChoke), so each z < Qc costs
 * a few exp/expm1 calls. E(0) is finite for every m: the cap removes the divergence of the
 * expected loss without a reserve (m >= 2).
 *
 * Scaling: c can be as large as 1.8e308 / A; it is carried as ln c, and every stored quantity
 * shares the log scale chokeScale (the larger of consumer.ts's scale at Qc and ln of the capped term).
 */
import { exponent, horizon, meanDisruption, priceSpan } from "./model";
import { consumerIntegrals, cpB, cpD, cpDScale, cpScale } from "./consumer";
import { gammaTail2 } from "./special";

/**
 * A choke price reached only below Qc = e^-644 H (about 1e-280 H, where consumer.ts scales
 * subnormal-sized reserves in a separate regime) is treated as none. That is an approximation:
 * it changes MB only at reserves below Qc (under 4e-277 days), but E(0), and with it
 * `netBenefit`, is then reported as without a cap (Infinity for m >= 2).
 */
const MIN_LN_FRACTION: f64 = 644.0;

/** Whether the case has a choke price that is reached (Qc > 0 within the double range). */
export let chokeActive: bool = false;
/** Qc, the oil left (days of imports) below which the price is Pc. */
export let chokeReserve: f64 = 0.0;
// Per case: IB(Qc), ID(Qc) and the capped term c lambda e^(-(H-Qc)/lambda), all times e^-chokeScale.
let ibAtChoke: f64 = 0.0;
let idAtChoke: f64 = 0.0;
let cappedTerm: f64 = 0.0;

/** IB_c e^(-chokeScale) (days), set by chokeIntegrals. */
export let chokeB: f64 = 0.0;
/** IP-equivalent: K e^(-chokeScale) H / (m lambda), so that MB' = -q0 (m A/H) e^(-z/lambda) chokeP / Z as in consumer.ts. */
export let chokeP: f64 = 0.0;
/** ID_c e^(-chokeScale) (days^2). */
export let chokeD: f64 = 0.0;
/** The log scale of chokeB, chokeP and chokeD (>= 0). */
export let chokeScale: f64 = 0.0;

/** ln(Qc/H) = -ln((Pc - P1)/A)/m, from the logs so that neither a huge Pc nor a tiny A overflows. */
function chokeLnFraction(p0: f64, p1: f64, pc: f64): f64 {
  return -(Math.log(pc - p1) - Math.log(p0 - p1)) / exponent;
}

/**
 * Whether the choke price Pc (USD/unit, +Infinity for none) is reached in the case set by
 * model.setCase: a consumer-surplus term and Qc above e^-MIN_LN_FRACTION H. Needs no per-case
 * sums, so api.ts asks it before choosing the fast method (which has no choke price).
 */
export function chokeReached(p0: f64, p1: f64, pc: f64): bool {
  if (!(pc < Infinity) || !(priceSpan > 0.0)) return false;
  return chokeLnFraction(p0, p1, pc) > -MIN_LN_FRACTION;
}

/**
 * Prepare the case's choke price (call after prepareConsumer): Qc, and IB, ID at Qc. Arguments
 * are the raw prices P0, P1 and Pc (USD/unit; Pc > P0, or +Infinity for none).
 */
export function prepareChoke(p0: f64, p1: f64, pc: f64): void {
  chokeActive = false;
  chokeReserve = 0.0;
  if (!chokeReached(p0, p1, pc)) return;
  const span: f64 = p0 - p1;
  const lnFraction: f64 = chokeLnFraction(p0, p1, pc);
  chokeActive = true;
  chokeReserve = horizon * Math.exp(lnFraction);
  // W = H - Qc with expm1: exact when Pc is just above P0 (Qc -> H).
  const w: f64 = -horizon * Math.expm1(lnFraction);
  consumerIntegrals(chokeReserve, lnFraction, w, true);
  // ln c with c = (Pc - P0)/A, and the capped term's log c lambda e^(-(H-Qc)/lambda).
  const lnCapped: f64 = Math.log(pc - p0) - Math.log(span) + Math.log(meanDisruption) - w / meanDisruption;
  let scale: f64 = cpScale > lnCapped ? cpScale : lnCapped;
  if (cpDScale > scale) scale = cpDScale;
  chokeScale = scale;
  ibAtChoke = cpB * Math.exp(cpScale - scale);
  idAtChoke = cpD * Math.exp(cpDScale - scale);
  cappedTerm = Math.exp(lnCapped - scale);
}

/** Set chokeB, chokeP, chokeD (scale chokeScale, fixed per case) at a reserve 0 <= z < chokeReserve (days). */
export function chokeIntegrals(z: f64): void {
  const lambda: f64 = meanDisruption;
  const u: f64 = (chokeReserve - z) / lambda;
  const rise: f64 = -Math.expm1(-u);
  chokeB = ibAtChoke + cappedTerm * rise;
  chokeP = ((ibAtChoke + cappedTerm) * horizon) / (exponent * lambda);
  chokeD = Math.exp(-u) * idAtChoke + lambda * (ibAtChoke * rise + cappedTerm * gammaTail2(u));
}
