/**
 * Findings about a value follow the load plan (model/loadPlan.ts):
 * - loaded: as the validator made it (what Go does at start-up);
 * - under a feature that is off: at most a warning, and it names the switch. The feature may be
 *   turned on by a flag or a CENTRIFUGO_* variable, so the finding stays, in the conditional;
 * - block off, source lost, autocert on, earlier duplicate, not read: dropped; the one finding
 *   that says the value is ignored (tls-disabled, shadowed-source...) is made elsewhere.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConfigModel } from '../../model';
import type { BlockField, TlsBlock } from '../../model/blocks';
import { loadPlanOf, reasonWords, treatmentOf, type ValuePlan } from '../../model/loadPlan';
import { severityName } from '../diagnostic';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

/** Sentences that state a start-up failure, and how they read about a value that is not loaded yet. */
const FATAL_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bwill fail to start\b/g, 'would fail to start'],
  [/\bfails to start\b/g, 'would fail to start'],
  [/\brefuses to start\b/g, 'would refuse to start'],
  [/\bstops at start-up\b/g, 'would stop at start-up'],
  [/\bTLS will not start\b/g, 'TLS would not start'],
];

/** The message of a finding about a value that is loaded only once a feature is turned on. */
export function conditionalMessage(message: string, plan: ValuePlan): string {
  let text = message;
  for (const [pattern, replacement] of FATAL_PHRASES) text = text.replace(pattern, replacement);
  return plan.reason ? `${reasonWords(plan.reason)} ${text}` : text;
}

/** A finding about the content of a value, as the plan has it shown; undefined when the value is inert. */
export function underPlan(model: ConfigModel, block: TlsBlock, field: BlockField, diagnostic: Diagnostic): Diagnostic | undefined {
  const plan = loadPlanOf(model).value(block, field);
  switch (treatmentOf(plan)) {
    case 'as-is': return diagnostic;
    case 'drop': return undefined;
    case 'warn': {
      const severe = severityName(diagnostic.severity) === 'error';
      return {
        ...diagnostic,
        ...(severe ? { severity: DiagnosticSeverity.Warning } : {}),
        message: conditionalMessage(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, plan),
      };
    }
  }
}

/** A finding about a whole block (a missing half, TLS on with no certificate), as the block's plan has it shown. */
export function underBlockPlan(model: ConfigModel, block: TlsBlock, diagnostic: Diagnostic): Diagnostic | undefined {
  const plan = loadPlanOf(model).block(block);
  const valuePlan: ValuePlan = { loaded: plan.loaded, ...(plan.reason ? { reason: plan.reason } : {}) };
  switch (treatmentOf(valuePlan)) {
    case 'as-is': return diagnostic;
    case 'drop': return undefined;
    case 'warn': return {
      ...diagnostic,
      ...(severityName(diagnostic.severity) === 'error' ? { severity: DiagnosticSeverity.Warning } : {}),
      message: conditionalMessage(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, valuePlan),
    };
  }
}

/** Applies `underPlan` to a list of findings about one value. */
export function allUnderPlan(model: ConfigModel, block: TlsBlock, field: BlockField, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const shown = underPlan(model, block, field, d);
    if (shown) out.push(shown);
  }
  return out;
}
