#!/usr/bin/env node
/**
 * `npm test`'s first step (the "pretest" script): make sure the system programs the suite drives
 * are installed, so that `npm ci && npm test` is the whole set-up on a fresh machine.
 *
 *   Chromium (/usr/bin/chromium)            browser, web page and bundler tests (playwright-core)
 *   Slurm (slurmctld, slurmd, sbatch, ...)  the job-array test on a single-node Slurm
 *   munge (munged, mungekey)                Slurm's authentication
 *   R (/usr/bin/Rscript)                    the README's R example
 *   Python 3 with pandas (/usr/bin/python3) the README's Python example
 *
 * Missing ones are installed from Debian's packages when running as root with apt-get; otherwise
 * this stops at once, printing the one command that installs them. Quick when all are present
 * (file checks and one Python import).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Where a program is: an absolute path as given, else the first match on PATH or in the sbin dirs. */
function found(program) {
  if (program.startsWith("/")) return existsSync(program);
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin", "/usr/local/sbin"];
  return dirs.some((dir) => dir && existsSync(`${dir}/${program}`));
}

const pandas = () => found("/usr/bin/python3") && spawnSync("/usr/bin/python3", ["-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec(\"pandas\") is None)"], { stdio: "ignore" }).status === 0;

/**
 * Each requirement: what the suite needs, whether it is there, and the Debian packages that
 * provide it. Chromium only recommends its fonts, and fontconfig is content with any one font
 * package, so both are named: fonts-liberation (metric-compatible with Arial, Times and Courier,
 * what pages ask for) and fonts-dejavu-core (wide Unicode coverage: Greek, math symbols).
 */
const REQUIREMENTS = [
  { what: "/usr/bin/chromium", ok: () => found("/usr/bin/chromium"), packages: ["chromium", "fonts-liberation", "fonts-dejavu-core"] },
  { what: "Slurm (slurmctld, slurmd, sbatch, squeue, sinfo)", ok: () => ["slurmctld", "slurmd", "sbatch", "squeue", "sinfo"].every(found), packages: ["slurm-wlm"] },
  { what: "munge (munged, mungekey)", ok: () => ["munged", "mungekey"].every(found), packages: ["munge"] },
  { what: "/usr/bin/Rscript", ok: () => found("/usr/bin/Rscript"), packages: ["r-base-core"] },
  { what: "/usr/bin/python3 with pandas", ok: pandas, packages: ["python3-pandas"] },
];

const missing = REQUIREMENTS.filter((r) => !r.ok());
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((r) => r.packages);
const install = `apt-get install -y --no-install-recommends ${packages.join(" ")}`;
console.error(`npm test needs: ${missing.map((r) => r.what).join("; ")}.`);

const root = process.getuid?.() === 0;
if (!root || !found("apt-get")) {
  console.error(found("apt-get")
    ? `Install them with:\n  sudo apt-get update && sudo ${install}`
    : `Install them with your system's package manager (on Debian: apt-get update && ${install}).`);
  process.exit(1);
}

console.error(`Installing ${packages.join(", ")} (apt-get).`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", ...packages]]) {
  const run = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (run.status !== 0) {
    console.error(`apt-get ${args[0]} failed (exit ${run.status ?? run.signal}).`);
    process.exit(1);
  }
}
const still = REQUIREMENTS.filter((r) => !r.ok());
if (still.length > 0) {
  console.error(`Still missing after apt-get: ${still.map((r) => r.what).join("; ")}.`);
  process.exit(1);
}
