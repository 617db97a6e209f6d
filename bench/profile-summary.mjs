#!/usr/bin/env node
// @ts-check
// Summarises a V8 .cpuprofile (from node --cpu-prof): the functions with the most self time, and
// the functions of our own code (out/server/src) with the most inclusive time.
//
// With --blocks=MS: every stretch of at least MS ms in which the main thread never went idle (the
// event loop was blocked), with the functions of our code that the stretch spent its time in.
//
// With --under=NAME[@FILE]: where the time of that function goes, by the functions it calls.
//
//   node bench/profile-summary.mjs FILE.cpuprofile [--top=25] [--ours=out/server/src] [--blocks=50] [--under=doComplete@features/completion]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top=25]\n');
  process.exit(2);
}
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const oursMarker = args.find((a) => a.startsWith('--ours='))?.slice(7) ?? '/out/server/src/';
const profile = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
  const rel = f.url.includes('/out/') ? f.url.slice(f.url.indexOf('/out/') + 1) : f.url.includes('node_modules/') ? f.url.slice(f.url.lastIndexOf('node_modules/') + 13) : where;
  return `${f.functionName || '(anonymous)'} ${rel ? `${rel.includes(':') ? rel : `${rel}:${f.lineNumber + 1}`}` : ''}`.trim();
};

const self = new Map();
for (const [id, us] of selfUs) {
  const key = label(byId.get(id));
  self.set(key, (self.get(key) ?? 0) + us);
}

// Inclusive time per function: a sample counts once for every distinct function on its stack.
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const key = label(byId.get(cur));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}

const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
const msOf = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled`);
console.log(`\nTop ${top} by self time`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${msOf(us)} ${pct(us)}  ${k}`);
console.log(`\nTop ${top} of our code (${oursMarker}) by inclusive time`);
for (const [k, us] of [...inclusive].filter(([k]) => k.includes(oursMarker.replace(/^\//, ''))).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${msOf(us)} ${pct(us)}  ${k}`);

const blockMs = Number(args.find((a) => a.startsWith('--blocks='))?.slice(9) ?? 0);
if (blockMs > 0) {
  // Sample times, and stretches without an (idle) sample.
  const times = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) { t += profile.timeDeltas[i] ?? 0; times.push(t); }
  const isIdle = (id) => byId.get(id).callFrame.functionName === '(idle)';
  const stretches = [];
  let start = -1;
  for (let i = 0; i <= profile.samples.length; i++) {
    const idle = i === profile.samples.length || isIdle(profile.samples[i]);
    if (!idle && start < 0) start = i;
    if (idle && start >= 0) {
      const ms = (times[i - 1] - times[start]) / 1000;
      if (ms >= blockMs) stretches.push({ from: start, to: i, ms });
      start = -1;
    }
  }
  console.log(`\nEvent loop blocked for >= ${blockMs} ms: ${stretches.length} stretches, ${stretches.reduce((a, s) => a + s.ms, 0).toFixed(0)} ms in all`);
  for (const s of stretches) {
    const incl = new Map();
    for (let i = s.from; i < s.to; i++) {
      const us = profile.timeDeltas[i + 1] ?? 0;
      const seen = new Set();
      for (let cur = profile.samples[i]; cur !== undefined; cur = parent.get(cur)) {
        const key = label(byId.get(cur));
        if (seen.has(key) || !(key.includes(oursMarker.replace(/^\//, '')) || key.startsWith('(garbage'))) continue;
        seen.add(key);
        incl.set(key, (incl.get(key) ?? 0) + us);
      }
    }
    const at = ((times[s.from] - profile.startTime) / 1000).toFixed(0);
    console.log(`  at ${at} ms: ${s.ms.toFixed(0)} ms blocked; ` + [...incl].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, us]) => `${k.replace(/ out\/server\/src\//, ' ')} ${(us / 1000).toFixed(0)}`).join(' | '));
  }
}

const under = args.find((a) => a.startsWith('--under='))?.slice(8);
if (under) {
  const [name, fileHint = ''] = under.split('@');
  const split = new Map();
  let totalUnder = 0;
  for (const [id, us] of selfUs) {
    const stack = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur));
    // The outermost frame of that function, so recursion counts once.
    let i = -1;
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].callFrame.functionName === name && stack[k].callFrame.url.includes(fileHint)) { i = k; break; }
    if (i < 0) continue;
    totalUnder += us;
    const key = i === 0 ? '(self)' : label(stack[i - 1]);
    split.set(key, (split.get(key) ?? 0) + us);
  }
  console.log(`\nInside ${under}: ${(totalUnder / 1000).toFixed(0)} ms`);
  for (const [k, us] of [...split].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${msOf(us)} ${((100 * us) / totalUnder).toFixed(1).padStart(5)}%  ${k}`);
}
