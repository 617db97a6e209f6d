// @ts-check
// Runs one measurement in its own process, so one size's heap and JIT state do not colour the
// next: `node bench/task.mjs <task> [arg]` prints the result as JSON on stdout (logs on stderr).
// Started by run.mjs with an IPC channel, it reports each phase and the results so far, so the
// parent can bound every phase in time and keep what was measured before a phase it cuts short.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { SIZES, WORK } from './lib.mjs';
import { measureFormats } from './formats.mjs';
import { measureCertificates, measureSize } from './measure.mjs';
import { measureEditLatency, measureEditMemory, measureFirstDiagnostics, measureServerMemory, measureWhileLoading } from './server.mjs';

const [task, arg] = process.argv.slice(2);
const manifest = JSON.parse(await readFile(path.join(WORK, 'manifest.json'), 'utf8'));
/** @param {string | undefined} id @returns {never} */
function unknownSize(id) {
  throw new Error(`unknown size ${id}; one of ${SIZES.map((s) => s.id).join(', ')}`);
}

const tasks = {
  size: () => measureSize(SIZES.find((s) => s.id === arg) ?? unknownSize(arg), {
    onPhase: (phase, partial, limitMs) => process.send?.({ phase, limitMs, partial: JSON.parse(JSON.stringify(partial)) }),
  }),
  certificates: () => measureCertificates(manifest),
  firstDiagnostics: () => measureFirstDiagnostics(),
  memory: () => measureServerMemory(arg),
  whileLoading: () => measureWhileLoading(arg),
  edit: () => measureEditLatency(arg),
  editMemory: () => measureEditMemory(arg),
  formats: () => measureFormats(arg ?? '2m'),
};
if (!tasks[task]) {
  process.stderr.write(`unknown task ${task}; one of ${Object.keys(tasks).join(', ')}\n`);
  process.exit(2);
}
const result = await tasks[task]();
process.stdout.write(JSON.stringify(result));
process.exit(0);
