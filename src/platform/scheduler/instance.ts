/**
 * Who holds a lease or a claim, and whether that holder is provably gone.
 *
 * A scheduler's id names its process start: `scheduler@<host>/<pid>/<boot>/<n>` (boot: random per
 * process start; n: the scheduler's number in the process, so two schedulers of one process, as in
 * tests, stay distinct). The id stays the same for the process's life, so its claims and its lease
 * are recognisable as its own across scans; a restart gets a new one.
 *
 * Why it carries host and pid: after a kill -9 the dead process's lease and claims would otherwise
 * block until they expire (the lease's TTL, the claim grace). A successor on the same host can
 * tell that the holder is gone: its pid no longer exists, or it is the successor's own pid (a
 * container restarted with the same pid). That is proof, so it takes over at once. A holder on
 * another host (or with an id of another shape) cannot be checked from here: the TTL and the
 * grace apply. A live pid is taken as alive even if the number was reused by an unrelated process:
 * wrongly waiting costs a delay, wrongly taking over could cost a duplicate.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  host: string;
  pid: number;
  /** Random per process start. */
  boot: string;
}

const ID_PATTERN = /^scheduler@(.+)\/(\d+)\/([0-9a-f]{8})\/\d+$/;

const thisProcess: ProcessIdentity = {
  host: hostname(),
  pid: process.pid,
  boot: randomUUID().slice(0, 8),
};
let schedulersInProcess = 0;

export function processIdentity(): ProcessIdentity {
  return thisProcess;
}

/** A new scheduler id of this process start (see the module comment for its shape). */
export function newInstanceId(identity: ProcessIdentity = thisProcess): string {
  schedulersInProcess += 1;
  return `scheduler@${identity.host}/${identity.pid}/${identity.boot}/${schedulersInProcess}`;
}

/** The process an id names; undefined for ids of another shape (explicit ids, other writers). */
export function parseInstanceId(id: string): ProcessIdentity | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match) return undefined;
  return { host: match[1] as string, pid: Number(match[2]), boot: match[3] as string };
}

/** Whether a pid exists on this host; EPERM means it exists but belongs to another user. */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True only when `holderId` is provably a dead earlier process of this host: same host, another
 * process start, and its pid gone (or reused by this very process).
 */
export function isDeadPredecessor(
  holderId: string,
  self: ProcessIdentity = thisProcess,
  exists: (pid: number) => boolean = pidExists,
): boolean {
  const holder = parseInstanceId(holderId);
  if (!holder || holder.host !== self.host || holder.boot === self.boot) return false;
  if (holder.pid === self.pid) return true;
  return !exists(holder.pid);
}
