/**
 * Problems with the certificate material a config names: files that cannot be read, base64
 * that is not base64 of PEM, PEM that Centrifugo cannot load (wrong type, DER, PKCS#12,
 * encrypted keys, empty CA bundles). One diagnostic per source, on its value.
 */
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CODES, type DiagnosticCode } from '../catalog/codes';
import { MATERIAL_NOUNS, pemRefusal } from '../certs';
import type { FeatureContext } from '../context';
import { baseDirectory } from '../context';
import { MAX_CERT_FILE_BYTES } from '../environment';
import type { MaterialSource, SourceProblem } from '../materials';
import { makeDiagnostic, rangeOfNode } from './diagnostic';
import { allUnderPlan } from './diagnostics/plan';


function fileMessage(ctx: FeatureContext, source: MaterialSource, problem: Extract<SourceProblem, { kind: 'file' }>): string {
  const file = source.filePath ?? source.value;
  const what: Record<typeof problem.reason, string> = {
    'not-found': `No file at ${file}.`,
    directory: `${file} is a directory, not a ${MATERIAL_NOUNS[source.expectation]} file.`,
    'not-regular': `${file} is not a regular file (a FIFO, socket or device); Centrifugo cannot load a ${MATERIAL_NOUNS[source.expectation]} from it.`,
    unreadable: `${file} cannot be read${problem.detail ? ` (${problem.detail})` : ''}.`,
    'too-large': `${file} is larger than ${MAX_CERT_FILE_BYTES / (1024 * 1024)} MB: that is not a ${MATERIAL_NOUNS[source.expectation]} file.`,
    timeout: `Reading ${file} did not finish in time (a slow or hung file system).`,
  };
  const notes: string[] = [what[problem.reason], 'Centrifugo will fail to start with this TLS configuration.'];
  if (source.value.startsWith('~')) notes.push('Centrifugo does not expand `~`: write the full path.');
  else if (!path.isAbsolute(source.value)) {
    notes.push(`The relative path was checked against ${baseDirectory(ctx.settings, ctx.document)}; Centrifugo itself resolves it against its working directory (set centrifugo.baseDirectory to match).`);
  }
  return notes.join(' ');
}

function problemDiagnostic(ctx: FeatureContext, source: MaterialSource, problem: SourceProblem): Diagnostic {
  const range = rangeOfNode(ctx.model.document, source.field.valueNode!);
  const data = { path: source.field.path };
  const noun = MATERIAL_NOUNS[source.expectation];
  switch (problem.kind) {
    case 'file':
      return makeDiagnostic(range, 'missing-file', fileMessage(ctx, source, problem), { data: { ...data, file: source.filePath } });
    case 'invalid-base64':
      return makeDiagnostic(range, 'invalid-base64',
        `Not valid base64 (${problem.detail}). Centrifugo decodes this value with standard base64 and will fail to start. Encode the whole PEM text, for example with \`base64 -w0 file.pem\`.`, { data });
    case 'base64-not-pem': {
      const decodedTo = source.analysis?.kind === 'der-certificate' || source.analysis?.kind === 'der-key'
        ? 'binary DER data' : 'something that is not PEM text';
      return makeDiagnostic(range, 'base64-not-pem',
        `This base64 decodes to ${decodedTo}. Centrifugo expects the base64 of the whole PEM text of the ${noun} ("-----BEGIN ...") and will fail to start.`, { data });
    }
    case 'invalid-pem':
      return makeDiagnostic(range, 'invalid-pem',
        `Invalid PEM: ${problem.detail}. Centrifugo v6 stops at start-up with "invalid PEM data".`, { data });
    case 'unrecognised':
      return makeDiagnostic(range, 'invalid-pem',
        `Not PEM text, not base64 of PEM, and no file of that name: Centrifugo v6 stops at start-up with "invalid PEM data". Give the ${noun} as PEM, as base64 of the PEM text, or as a path to a PEM file.`,
        { data: { ...data, file: source.filePath } });
  }
}

export async function materialDiagnostics(ctx: FeatureContext): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const source of await ctx.allSources()) {
    if (!source.field.valueNode) continue;
    // Only what Centrifugo loads can stop it; the plan decides (model/loadPlan.ts).
    out.push(...allUnderPlan(ctx.model, source.block, source.field, sourceDiagnostics(ctx, source)));
  }
  return out;
}

function sourceDiagnostics(ctx: FeatureContext, source: MaterialSource): Diagnostic[] {
  const valueNode = source.field.valueNode;
  if (!valueNode) return [];
  if (source.problem) return [problemDiagnostic(ctx, source, source.problem)];
  const out: Diagnostic[] = [];
  // PEM text that Go's PEM reader refuses: say why, not only that nothing was found.
  const refusal = source.readAs === 'pem' ? pemRefusal(source.value, ctx.model.tree.format) : undefined;
  for (const problem of source.analysis?.problems ?? []) {
    const code = problem.code as DiagnosticCode;
    const severity = problem.severity === CODES[code].severity ? undefined : problem.severity;
    const message = refusal && code === 'invalid-pem' ? `Invalid PEM: ${refusal}. ${problem.message}` : problem.message;
    out.push(makeDiagnostic(rangeOfNode(ctx.model.document, valueNode), code, message, {
      ...(severity ? { severity } : {}),
      data: { path: source.field.path, ...(source.filePath ? { file: source.filePath } : {}) },
    }));
  }
  return out;
}
