/**
 * Which task of an array job this process is, read from the scheduler's environment, for
 * `--shard auto`: Kubernetes Indexed Jobs, AWS Batch array jobs and Slurm job arrays.
 */

/** This process's place in an array job: its 0-based index, and the task count when known. */
export interface ArrayTask {
  index: number;
  /** Only Slurm tells the count (SLURM_ARRAY_TASK_COUNT); elsewhere `--shard auto/n` gives it. */
  count?: number;
  /** The variable(s) the index came from, for messages. */
  source: string;
}

/** A non-negative integer variable; NaN when set but not one (caught by the shard range check). */
const integer = (text: string): number => (/^\d+$/.test(text) ? Number(text) : NaN);

/**
 * The array task of this process from `env`, or undefined outside an array job. An empty variable
 * counts as unset, so that it cannot silently select task 0. Kubernetes: JOB_COMPLETION_INDEX
 * (0-based). AWS Batch: AWS_BATCH_JOB_ARRAY_INDEX (0-based). Slurm (`sbatch --array=a-b[:s]`):
 * (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP of SLURM_ARRAY_TASK_COUNT
 * tasks, so an array need not start at 0; a list that is not an evenly stepped range (e.g.
 * `--array=1,4,5`) gives indices that the caller's range check rejects.
 */
export function arrayTaskFromEnv(env: NodeJS.ProcessEnv = process.env): ArrayTask | undefined {
  if (env.JOB_COMPLETION_INDEX) return { index: integer(env.JOB_COMPLETION_INDEX), source: "JOB_COMPLETION_INDEX" };
  if (env.AWS_BATCH_JOB_ARRAY_INDEX) return { index: integer(env.AWS_BATCH_JOB_ARRAY_INDEX), source: "AWS_BATCH_JOB_ARRAY_INDEX" };
  if (env.SLURM_ARRAY_TASK_ID) {
    const offset = integer(env.SLURM_ARRAY_TASK_ID) - integer(env.SLURM_ARRAY_TASK_MIN || "0");
    const step = integer(env.SLURM_ARRAY_TASK_STEP || "1");
    return {
      index: step >= 1 ? offset / step : NaN,
      ...(env.SLURM_ARRAY_TASK_COUNT ? { count: integer(env.SLURM_ARRAY_TASK_COUNT) } : {}),
      source: "SLURM_ARRAY_TASK_ID",
    };
  }
  return undefined;
}
