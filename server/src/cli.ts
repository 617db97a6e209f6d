/**
 * Entry of the headless checker (dist/cli.js, the package's `bin`): `centrifugo-config check
 * [options] FILE...`. Process wiring only; the flow is in cli/main.ts.
 */
import 'reflect-metadata';
import { errorText, EXIT_CANNOT_CHECK, runCli } from './cli/main';

// `centrifugo-config check ... | head` closes the pipe early: that is not a failure worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
  stdin: () => process.stdin,
  stdoutIsTTY: process.stdout.isTTY === true,
  cwd: process.cwd(),
  env: process.env,
}).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`centrifugo-config: internal error; please report it: ${errorText(error, process.argv.includes('--debug'))}\n`);
    process.exitCode = EXIT_CANNOT_CHECK;
  },
);
