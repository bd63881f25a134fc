/**
 * A throwaway single-node Slurm cluster for tests: munged, slurmctld and slurmd from Debian's
 * munge and slurm-wlm, every file (key, config, state, spool, logs) under one temporary folder,
 * ports picked free, and every daemon stopped by its PID. The slurm.conf is the smallest that runs
 * batch jobs without cgroups: ProctrackType=proctrack/linuxproc, TaskPlugin=task/none, one node
 * named after this host with all its CPUs, each CPU a separate slot (CR_CPU, no memory accounting).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, hostname, tmpdir, userInfo } from "node:os";

export const SLURM_PROGRAMS = ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo"];

/** A running cluster: run its client commands with `env` (SLURM_CONF set). */
export interface SlurmCluster {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** The daemons' own logs, for a failure message. */
  logs(): string;
  /** Stop every daemon by PID (SIGTERM, then SIGKILL after 10 s) and delete the folder. */
  stop(): Promise<void>;
}

/** `count` distinct TCP ports free on this host now (all held open until every one is chosen). */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `ready` every 100 ms until it holds; throw `what` after `seconds`. */
export async function waitFor(ready: () => boolean, seconds: number, what: () => string): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s: ${what()}`);
    await sleep(100);
  }
}

/** Stop `child` by PID: SIGTERM, then SIGKILL if it has not exited after `seconds`. */
async function stopProcess(child: ChildProcess, seconds = 10): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), seconds * 1000);
  await exited;
  clearTimeout(timer);
}

/**
 * Start munged (as user munge when run as root, with a key made for this cluster), slurmctld and
 * slurmd in the foreground as children of this process, and wait until the node is idle.
 */
export async function startSlurm(): Promise<SlurmCluster> {
  const dir = mkdtempSync(`${tmpdir()}/optimal-reserve-slurm-`);
  // munged refuses a socket in a folder that others cannot traverse.
  chmodSync(dir, 0o755);
  const munge = `${dir}/munge`;
  mkdirSync(munge, { mode: 0o755 });
  for (const sub of ["state", "spool"]) mkdirSync(`${dir}/${sub}`);
  const me = userInfo();
  const root = me.uid === 0;
  const mungeUser = root ? { uid: Number(execFileSync("id", ["-u", "munge"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "munge"], { encoding: "utf8" })) } : { uid: me.uid, gid: me.gid };
  chownSync(munge, mungeUser.uid, mungeUser.gid);
  const key = `${munge}/munge.key`;
  execFileSync("mungekey", ["--create", `--keyfile=${key}`]);
  chownSync(key, mungeUser.uid, mungeUser.gid);
  chmodSync(key, 0o400);
  const socket = `${munge}/munge.socket`;
  const [ctldPort, slurmdPort] = await freePorts(2);
  // Slurm matches NodeName against the short host name, as `hostname` prints it.
  const host = hostname().split(".")[0] as string;
  const conf = `${dir}/slurm.conf`;
  writeFileSync(conf, [
    "ClusterName=optimal-reserve-test",
    `SlurmctldHost=${host}`,
    `SlurmctldPort=${ctldPort}`,
    `SlurmdPort=${slurmdPort}`,
    `SlurmUser=${me.username}`,
    `SlurmdUser=${me.username}`,
    "AuthType=auth/munge",
    "CredType=cred/munge",
    `AuthInfo=socket=${socket}`,
    `StateSaveLocation=${dir}/state`,
    `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`,
    `SlurmdPidFile=${dir}/slurmd.pid`,
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "MpiDefault=none",
    "SwitchType=switch/none",
    "SchedulerType=sched/builtin",
    // Start pending array tasks as soon as a CPU frees (the default waits up to 2 s between passes).
    "SchedulerParameters=sched_min_interval=0",
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_CPU",
    "ReturnToService=2",
    "AccountingStorageType=accounting_storage/none",
    "JobCompType=jobcomp/none",
    "JobAcctGatherType=jobacct_gather/none",
    `NodeName=${host} CPUs=${availableParallelism()} State=UNKNOWN`,
    `PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
    "",
  ].join("\n"));
  const env = { ...process.env, SLURM_CONF: conf };
  const output: Record<string, string> = {};
  const children: ChildProcess[] = [];
  const daemon = (name: string, args: string[], ids: { uid?: number; gid?: number } = {}) => {
    const child = spawn(name, args, { env, stdio: ["ignore", "pipe", "pipe"], ...ids });
    output[name] = "";
    const keep = (chunk: Buffer) => (output[name] += chunk.toString());
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("error", (e) => (output[name] += `\n${e.message}`));
    children.push(child);
  };
  const cluster: SlurmCluster = {
    dir,
    env,
    logs: () => Object.entries(output).map(([name, text]) => `--- ${name}\n${text.slice(-2000)}`).join("\n"),
    async stop() {
      // In reverse: slurmd and slurmctld still talk to munged while they shut down.
      for (const child of children.reverse()) await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    daemon("munged", ["-F", `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${munge}/munged.pid`,
      `--log-file=${munge}/munged.log`, `--seed-file=${munge}/munged.seed`], root ? mungeUser : {});
    await waitFor(() => existsSync(socket), 20, () => `munged did not create its socket\n${cluster.logs()}`);
    daemon("slurmctld", ["-D", "-f", conf]);
    daemon("slurmd", ["-D", "-f", conf]);
    const state = () => {
      try {
        return execFileSync("sinfo", ["-h", "-o", "%t"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      } catch {
        return "";
      }
    };
    await waitFor(() => state() === "idle", 30, () => `the node is "${state()}", not idle\n${cluster.logs()}\n${readLog(`${munge}/munged.log`)}`);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

const readLog = (path: string) => (existsSync(path) ? readFileSync(path, "utf8").slice(-2000) : "");
