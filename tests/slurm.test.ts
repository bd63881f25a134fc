/**
 * Array jobs as users run them: a Slurm job array on a real single-node Slurm (started here, see
 * ./slurm-cluster.ts) runs examples/slurm/batch-array.sh with `--array=0-3`, and the 4 pods of
 * examples/kubernetes/batch-indexed-job.yaml are run as 4 processes with their JOB_COMPLETION_INDEX;
 * each time the merged parts equal the unsharded `batch` output byte for byte.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlurm, waitFor, type SlurmCluster } from "./slurm-cluster";

const root = join(__dirname, "..");
const cli = join(root, "dist", "cli.js");
let work = "";
/** PATH with `optimal-reserve` (the built CLI) and node first, as after `npm install -g`. */
let path = "";

/** 41 parameter rows (an odd count, so the 4 shards differ in size) with an id column copied through. */
function writeParams(file: string): void {
  const rows = Array.from({ length: 41 }, (_, i) => `r${i},${(5 + 2.5 * i).toFixed(1)},${(1 + (i % 7) * 0.75).toFixed(2)},${i % 3 === 0}`);
  writeFileSync(file, ["id,meanDisruption,fixedCost,includeGdp", ...rows, ""].join("\n"));
}

/** Run the built CLI in `cwd`; throws with its stderr when it fails. */
const optimalReserve = (args: string[], cwd: string) => execFileSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });

/** Merge the 4 parts in `cwd` and compare with the unsharded run, byte for byte. */
function expectMergedEqualsWhole(cwd: string): void {
  const parts = [0, 1, 2, 3].map((i) => `part-${i}.csv`);
  for (const part of parts) expect(existsSync(join(cwd, part)), part).toBe(true);
  optimalReserve(["merge", "--out", "merged.csv", ...parts], cwd);
  optimalReserve(["batch", "--in", "params.csv", "--out", "whole.csv", "--quiet"], cwd);
  const whole = readFileSync(join(cwd, "whole.csv"));
  expect(whole.toString().split("\n")).toHaveLength(43);
  expect(readFileSync(join(cwd, "merged.csv")).equals(whole)).toBe(true);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "optimal-reserve-arrays-"));
  const bin = join(work, "bin");
  mkdirSync(bin);
  symlinkSync(cli, join(bin, "optimal-reserve"));
  path = [bin, dirname(process.execPath), process.env.PATH ?? ""].join(delimiter);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("a Slurm job array (sbatch --array=0-3) on a single-node Slurm", () => {
  let cluster: SlurmCluster | undefined;
  let started = 0;

  beforeAll(async () => {
    started = performance.now();
    cluster = await startSlurm();
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    console.log(`Slurm test wall time (start the cluster, run the array, stop): ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

  it("runs examples/slurm/batch-array.sh with --shard auto; the merged parts equal the unsharded run", async () => {
    const c = cluster as SlurmCluster;
    const job = join(work, "slurm");
    mkdirSync(job);
    writeParams(join(job, "params.csv"));
    const env = { ...c.env, PATH: path };
    const id = execFileSync("sbatch", ["--parsable", "--array=0-3", `--chdir=${job}`, join(root, "examples", "slurm", "batch-array.sh"), "params.csv"], { env, encoding: "utf8" }).trim();
    expect(id).toMatch(/^\d+$/);
    const queued = () => spawnSync("squeue", ["-h", "-j", id], { env, encoding: "utf8" }).stdout.trim();
    const logs = () => readdirSync(job).filter((f) => f.startsWith("slurm-")).map((f) => `${f}: ${readFileSync(join(job, f), "utf8")}`).join("\n");
    await waitFor(() => queued() === "", 60, () => `job ${id} still queued:\n${queued()}\n${logs()}\n${c.logs()}`);
    // Every task ran and logged nothing (the script runs batch with --quiet and set -e).
    expect(readdirSync(job).filter((f) => /^slurm-\d+_\d\.log$/.test(f)).sort()).toEqual([0, 1, 2, 3].map((i) => `slurm-${id}_${i}.log`));
    expect(logs().replace(/^slurm-\S+: $/gm, "").trim()).toBe("");
    expectMergedEqualsWhole(job);
  }, 90_000);
});

describe("the Kubernetes Indexed Job manifest", () => {
  it("runs examples/kubernetes/batch-indexed-job.yaml's command for each completion index; the merged parts equal the unsharded run", () => {
    const manifest = readFileSync(join(root, "examples", "kubernetes", "batch-indexed-job.yaml"), "utf8");
    const completions = Number(/^ {2}completions: (\d+)$/m.exec(manifest)?.[1]);
    const command = /command: \["sh", "-c"\]\n\s+args:\n\s+- (.+)$/m.exec(manifest)?.[1];
    expect(completions).toBe(4);
    expect(command).toContain("--shard auto/4");
    const data = join(work, "kubernetes");
    mkdirSync(data);
    writeParams(join(data, "params.csv"));
    for (let index = 0; index < completions; index++) {
      execFileSync("sh", ["-c", command as string], { env: { ...process.env, PATH: path, DATA: data, JOB_COMPLETION_INDEX: String(index) } });
    }
    expectMergedEqualsWhole(data);
  });
});
