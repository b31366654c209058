#!/usr/bin/env node
// Summarises a V8 .cpuprofile: self time per function, and total (inclusive) time of the functions whose
// file matches a filter (default: compiled library files).
// Usage: node bench/tools/profile-summary.mjs <file.cpuprofile> [top=25] [filter=/lib/]
import { readFileSync } from 'node:fs';

const [file, topArg = '25', filter = '/lib/'] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [top] [filter]');
  process.exit(1);
}
const top = Number(topArg);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample time per node from the sample/timeDelta arrays.
const selfMicros = new Map();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

const short = (url) => url.replace(/^file:\/\//, '').replace(/^.*\/(bench\/\.build\/|node_modules\/)/, (_, p) => (p === 'node_modules/' ? 'node_modules/' : ''));
const label = (cf) => `${cf.functionName || '(anonymous)'}  ${short(cf.url)}:${cf.lineNumber + 1}`;

const self = new Map();
const inclusive = new Map();
for (const [id, micros] of selfMicros) {
  const node = byId.get(id);
  const key = label(node.callFrame);
  self.set(key, (self.get(key) ?? 0) + micros);
  // Inclusive: every distinct frame on the stack gets this sample once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const cf = byId.get(cur).callFrame;
    if (!cf.url.includes(filter)) continue;
    const k = label(cf);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + micros);
  }
}

const pct = (m) => `${((100 * m) / total).toFixed(1).padStart(5)}%`;
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, m] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(m)}  ${(m / 1000).toFixed(0).padStart(6)} ms  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
show('self time', self);
show(`inclusive time, frames matching '${filter}'`, inclusive);
