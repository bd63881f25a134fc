/** Running the built CLI in tests: to completion, or killed once its job record shows enough rows. */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const CLI = join(__dirname, "..", "dist", "cli.js");

/** Run the CLI to completion with `env` added to the environment. */
export const runCli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

/** Rows that the job record of `out` (out.job.json) vouches for; 0 while there is none. */
export function recordedRows(out: string): number {
  try {
    return (JSON.parse(readFileSync(`${out}.job.json`, "utf8")) as { rows: number }).rows;
  } catch {
    return 0;
  }
}

/** Start the CLI, SIGKILL it once `done()` holds (polled every 5 ms), and resolve when it has exited. */
export async function killWhen(args: string[], done: () => boolean): Promise<void> {
  const child = spawn(process.execPath, [CLI, ...args]);
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (done()) {
        clearInterval(poll);
        child.kill("SIGKILL");
        resolve();
      }
    }, 5);
  });
  await exited;
}
