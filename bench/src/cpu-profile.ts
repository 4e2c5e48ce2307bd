import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that a summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  /** Microseconds, on the monotonic clock `process.hrtime` reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface PackageTime {
  name: string;
  /** Sampled milliseconds of self time. */
  ms: number;
  /** Of the process's busy time (idle left out). */
  share: number;
}

/** Our own compiled projects, by their folder under dist/node. */
const PROJECTS: [RegExp, string][] = [
  [/\/dist\/node\/apps\/gateway\//, '@cio/gateway'],
  [/\/dist\/node\/libs\/persistence\//, '@cio/persistence'],
  [/\/dist\/node\/libs\/config\//, '@cio/config'],
  [/\/dist\/node\/libs\/contracts\//, '@cio/contracts'],
  [/\/dist\/node\/libs\/domain\//, '@cio/domain'],
];

/** The package a script belongs to: an npm package, one of ours, or Node's own JavaScript. */
function packageOf(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? url);
  }
  // Node's own JavaScript by module: node:_http_server, node:stream_base_commons, node:events…
  if (url.startsWith('node:'))
    return `node:${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  return PROJECTS.find(([pattern]) => pattern.test(url))?.[1] ?? url;
}

/**
 * Self time per package over a window of the profile. A frame without a script (a V8 builtin
 * such as JSON.parse, a native binding) counts for the nearest caller that has one, so that each
 * package carries the builtins it calls; the garbage collector and V8's own work (`(program)`)
 * are their own rows.
 */
export function cpuProfileByPackage(path: string, window?: { from: bigint; to: bigint }): PackageTime[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owner = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = owner.get(id);
    if (known) return known;
    const frame = byId.get(id)?.callFrame;
    let name: string;
    if (!frame) name = '(unknown)';
    else if (frame.url) name = packageOf(frame.url);
    else if (/^\(.*\)$/.test(frame.functionName)) name = frame.functionName;
    else {
      const up = parent.get(id);
      name = up === undefined ? '(native)' : ownerOf(up);
      if (name === '(root)') name = '(native)';
    }
    owner.set(id, name);
    return name;
  };
  const from = window ? Number(window.from / 1000n) : -Infinity;
  const to = window ? Number(window.to / 1000n) : Infinity;
  const micros = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from || at > to) return;
    // A sample stands for the time since the one before it.
    const name = ownerOf(id);
    micros.set(name, (micros.get(name) ?? 0) + delta);
  });
  micros.delete('(idle)');
  const busy = [...micros.values()].reduce((a, b) => a + b, 0);
  if (busy === 0) throw new Error(`${path}: no samples inside the window`);
  return [...micros.entries()]
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }))
    .sort((a, b) => b.ms - a.ms);
}
