import { readdirSync, readFileSync } from 'node:fs';

/** A process's resident set (VmRSS in /proc/<pid>/status) in bytes; 0 once it has exited. */
export function residentBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid of a process whose command line holds every one of `words` (first found), if any. */
export function processWith(words: string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (words.every((word) => args.includes(word))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** The highest RSS each watched process reached, read every `everyMs` until `stop()`. */
export class PeakResidentSet {
  private readonly peaks = new Map<string, number>();
  private readonly watched = new Map<string, () => number[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs: number) {
    this.timer = setInterval(() => this.read(), everyMs);
  }

  /** Watches the processes `pids()` names now (re-read at every sample: a restarted worker counts). */
  watch(label: string, pids: () => number[]): void {
    this.watched.set(label, pids);
    this.read();
  }

  private read(): void {
    for (const [label, pids] of this.watched) {
      for (const pid of pids()) {
        this.peaks.set(label, Math.max(this.peaks.get(label) ?? 0, residentBytes(pid)));
      }
    }
  }

  /** The peak of one label: the highest of any of its processes at one reading. */
  peak(label: string): number {
    return this.peaks.get(label) ?? 0;
  }

  stop(): void {
    this.read();
    clearInterval(this.timer);
  }
}
