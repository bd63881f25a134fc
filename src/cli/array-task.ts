/**
 * Which task of an array job this process is, read from the scheduler's environment, for
 * `--shard auto`: Kubernetes Indexed Jobs, AWS Batch array jobs and Slurm job arrays.
 */
import { UsageError } from "./args";

/** This process's place in an array job: its 0-based index, and the task count when known. */
export interface ArrayTask {
  index: number;
  /** Only Slurm tells the count (SLURM_ARRAY_TASK_COUNT); elsewhere `--shard auto/n` gives it. */
  count?: number;
  /** The variable the index came from, for messages. */
  source: string;
  /** The variables read, as NAME=value, for messages (e.g. "SLURM_ARRAY_TASK_ID=7, SLURM_ARRAY_TASK_MIN=4"). */
  values: string;
}

/** `env[name]` as a non-negative integer; a UsageError naming the variable and its value otherwise. */
function integer(env: NodeJS.ProcessEnv, name: string, fallback?: number): number {
  const text = env[name];
  if (!text && fallback !== undefined) return fallback;
  if (!/^\d+$/.test(text ?? "")) {
    throw new UsageError(`--shard auto: ${name} is ${JSON.stringify(text ?? "")}; allowed: a whole number >= 0 (the array task index the scheduler sets)`);
  }
  return Number(text);
}

/** The Slurm task's place: (ID - MIN) / STEP, refused where ID is not MIN + a multiple of STEP. */
function slurmTask(env: NodeJS.ProcessEnv): ArrayTask {
  const id = integer(env, "SLURM_ARRAY_TASK_ID");
  const min = integer(env, "SLURM_ARRAY_TASK_MIN", 0);
  const step = integer(env, "SLURM_ARRAY_TASK_STEP", 1);
  const names = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"];
  const values = names.filter((n) => env[n]).map((n) => `${n}=${env[n]}`).join(", ");
  if (step < 1 || id < min || (id - min) % step !== 0) {
    throw new UsageError(`--shard auto: ${values} is not an evenly stepped array task (need SLURM_ARRAY_TASK_ID = ` +
      "SLURM_ARRAY_TASK_MIN + k x SLURM_ARRAY_TASK_STEP, k >= 0, STEP >= 1; use sbatch --array=a-b[:s], or --shard i/n)");
  }
  return {
    index: (id - min) / step,
    ...(env.SLURM_ARRAY_TASK_COUNT ? { count: integer(env, "SLURM_ARRAY_TASK_COUNT") } : {}),
    source: "SLURM_ARRAY_TASK_ID",
    values,
  };
}

/**
 * The array task of this process from `env`, or undefined outside an array job. An empty variable
 * counts as unset, so that it cannot silently select task 0. Kubernetes: JOB_COMPLETION_INDEX
 * (0-based). AWS Batch: AWS_BATCH_JOB_ARRAY_INDEX (0-based). Slurm (`sbatch --array=a-b[:s]`):
 * (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP of SLURM_ARRAY_TASK_COUNT
 * tasks, so an array need not start at 0. Throws a UsageError naming the variables and their
 * values for a value that is not a whole number, a Slurm task that is not MIN + k x STEP, and
 * schedulers that disagree on the index (a count that does not fit is the caller's range check).
 */
export function arrayTaskFromEnv(env: NodeJS.ProcessEnv = process.env): ArrayTask | undefined {
  const tasks: ArrayTask[] = [];
  for (const name of ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]) {
    if (env[name]) tasks.push({ index: integer(env, name), source: name, values: `${name}=${env[name]}` });
  }
  if (env.SLURM_ARRAY_TASK_ID) tasks.push(slurmTask(env));
  const disagree = tasks.find((t) => t.index !== tasks[0]!.index);
  if (disagree) {
    throw new UsageError(`--shard auto: the schedulers' variables disagree on this task's index: ${tasks.map((t) => `${t.values} (index ${t.index})`).join("; ")}; unset the stale one or use --shard i/n`);
  }
  // Slurm's count, when it is among them, serves plain `auto`.
  return tasks.find((t) => t.count !== undefined) ?? tasks[0];
}
