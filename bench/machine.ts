import { cpus, loadavg } from 'node:os';

/** What the figures of a run depend on besides the code: Node and V8 (the raw drivers' own speed moves with them), the CPU and its load. */
export interface Machine {
  readonly node: string;
  readonly v8: string;
  readonly cpu: string;
  readonly cores: number;
  readonly loadAverage: readonly number[];
}

export function machine(): Machine {
  const cores = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

export function describeMachine(m: Machine): string {
  return `Node ${m.node} (V8 ${m.v8}), ${m.cores} × ${m.cpu}, load average ${m.loadAverage.join(' / ')}`;
}
