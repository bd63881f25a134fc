/**
 * `--shard auto` under each scheduler's variables (src/cli/array-task.ts): Kubernetes, AWS Batch
 * and Slurm job arrays, including arrays that start above 0 or step, and the errors.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { arrayTaskFromEnv } from "../src/cli/array-task";
import { shardFrom } from "../src/cli/job";

const SCHEDULER_VARIABLES = [
  "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN",
  "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT",
];

/** Run `shardFrom(text)` with exactly `env` among the scheduler variables. */
function shardUnder(env: Record<string, string>, text: string) {
  for (const name of SCHEDULER_VARIABLES) vi.stubEnv(name, env[name] ?? "");
  return shardFrom(text);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("arrayTaskFromEnv", () => {
  it("reads each scheduler's index; Slurm's relative to the array's first task and step, with its count", () => {
    expect(arrayTaskFromEnv({ JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 3, source: "JOB_COMPLETION_INDEX", values: "JOB_COMPLETION_INDEX=3" });
    expect(arrayTaskFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: "0" })).toEqual({ index: 0, source: "AWS_BATCH_JOB_ARRAY_INDEX", values: "AWS_BATCH_JOB_ARRAY_INDEX=0" });
    expect(arrayTaskFromEnv({ SLURM_ARRAY_TASK_ID: "12", SLURM_ARRAY_TASK_MIN: "10", SLURM_ARRAY_TASK_COUNT: "4" })).toEqual({
      index: 2, count: 4, source: "SLURM_ARRAY_TASK_ID", values: "SLURM_ARRAY_TASK_ID=12, SLURM_ARRAY_TASK_MIN=10, SLURM_ARRAY_TASK_COUNT=4",
    });
    // Two schedulers' variables that agree (a Slurm job run inside a Kubernetes pod): Slurm's count is kept.
    expect(arrayTaskFromEnv({ JOB_COMPLETION_INDEX: "2", SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "4" })).toMatchObject({ index: 2, count: 4 });
    // sbatch --array=1-13:4 runs tasks 1, 5, 9, 13.
    expect(arrayTaskFromEnv({ SLURM_ARRAY_TASK_ID: "9", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_STEP: "4", SLURM_ARRAY_TASK_COUNT: "4" }))
      .toMatchObject({ index: 2, count: 4 });
    expect(arrayTaskFromEnv({})).toBeUndefined();
    expect(arrayTaskFromEnv({ JOB_COMPLETION_INDEX: "", SLURM_ARRAY_TASK_ID: "" })).toBeUndefined();
  });

  it("refuses, naming the variables and their values: a value that is not a whole number, a Slurm task off its step, schedulers that disagree", () => {
    expect(() => arrayTaskFromEnv({ JOB_COMPLETION_INDEX: "x" }))
      .toThrow('--shard auto: JOB_COMPLETION_INDEX is "x"; allowed: a whole number >= 0');
    expect(() => arrayTaskFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: "1.0" })).toThrow(/AWS_BATCH_JOB_ARRAY_INDEX is "1.0"; allowed: a whole number >= 0/);
    expect(() => arrayTaskFromEnv({ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "-1" })).toThrow(/SLURM_ARRAY_TASK_MIN is "-1"/);
    expect(() => arrayTaskFromEnv({ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "5", SLURM_ARRAY_TASK_COUNT: "4" }))
      .toThrow("--shard auto: SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_MIN=5, SLURM_ARRAY_TASK_COUNT=4 is not an evenly stepped array task");
    expect(() => arrayTaskFromEnv({ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_STEP: "2", SLURM_ARRAY_TASK_COUNT: "4" }))
      .toThrow(/SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_STEP=2, SLURM_ARRAY_TASK_COUNT=4 is not an evenly stepped/);
    expect(() => arrayTaskFromEnv({ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_STEP: "0" })).toThrow(/STEP >= 1/);
    expect(() => arrayTaskFromEnv({ JOB_COMPLETION_INDEX: "1", AWS_BATCH_JOB_ARRAY_INDEX: "2" })).toThrow(
      "--shard auto: the schedulers' variables disagree on this task's index: JOB_COMPLETION_INDEX=1 (index 1); AWS_BATCH_JOB_ARRAY_INDEX=2 (index 2)");
    expect(() => arrayTaskFromEnv({ JOB_COMPLETION_INDEX: "2", SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "4" }))
      .toThrow(/disagree on this task's index: JOB_COMPLETION_INDEX=2 \(index 2\); SLURM_ARRAY_TASK_ID=1, SLURM_ARRAY_TASK_COUNT=4 \(index 1\)/);
  });
});

describe("--shard auto", () => {
  it("takes i (and, under Slurm, n) from the environment", () => {
    expect(shardUnder({ SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "4", SLURM_ARRAY_TASK_COUNT: "4" }, "auto")).toEqual({ index: 3, count: 4 });
    expect(shardUnder({ SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "4", SLURM_ARRAY_TASK_COUNT: "4" }, "auto/4")).toEqual({ index: 3, count: 4 });
    expect(shardUnder({ JOB_COMPLETION_INDEX: "1" }, "auto/2")).toEqual({ index: 1, count: 2 });
    expect(shardUnder({ AWS_BATCH_JOB_ARRAY_INDEX: "4" }, "auto/5")).toEqual({ index: 4, count: 5 });
    expect(shardUnder({}, "2/3")).toEqual({ index: 2, count: 3 });
  });

  it("rejects what it cannot place", () => {
    expect(() => shardUnder({ JOB_COMPLETION_INDEX: "1" }, "auto")).toThrow("--shard auto: JOB_COMPLETION_INDEX gives no task count; use auto/n");
    expect(() => shardUnder({}, "auto")).toThrow(/needs JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID/);
    expect(() => shardUnder({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_COUNT: "4" }, "auto/3"))
      .toThrow('invalid --shard "auto/3": the job array has 4 tasks (SLURM_ARRAY_TASK_COUNT)');
    // sbatch --array=1,4,5: not an evenly stepped range, task 5 is index 4 of 3.
    expect(() => shardUnder({ SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "3" }, "auto"))
      .toThrow('invalid --shard "auto": need 0 <= i < n (got i = 4 from SLURM_ARRAY_TASK_ID=5, SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_COUNT=3, n = 3)');
    expect(() => shardUnder({ JOB_COMPLETION_INDEX: "2" }, "auto/2")).toThrow('need 0 <= i < n (got i = 2 from JOB_COMPLETION_INDEX=2, n = 2)');
    expect(() => shardUnder({}, "2")).toThrow('invalid --shard "2": expected i/n, auto/n or auto');
  });
});
