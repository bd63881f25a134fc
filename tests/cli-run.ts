/** Running the built CLI in tests: to completion, or killed once its output file is big enough. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

export const CLI = join(__dirname, "..", "dist", "cli.js");

/** Run the CLI to completion with `env` added to the environment. */
export const runCli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

/** Start the CLI, SIGKILL it once `out` exceeds `bytes`, and resolve when it has exited. */
export async function killOnceWritten(args: string[], out: string, bytes: number): Promise<void> {
  const child = spawn(process.execPath, [CLI, ...args]);
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(out) && statSync(out).size > bytes) {
        clearInterval(poll);
        child.kill("SIGKILL");
        resolve();
      }
    }, 5);
  });
  await exited;
}
