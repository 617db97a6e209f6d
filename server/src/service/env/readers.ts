/**
 * Which reader an env source needs, by file name, and the dotenv reader's EnvSource shape.
 */
import * as path from 'node:path';
import { parseDotenv, type DotenvFile } from './dotenv';
import { lineAt, lineStartsOf, type EnvSource } from './sources';
import { isComposeFileName, readYamlEnvSources } from './yamlSources';

/** `.env`, `.env.production`, `prod.env`, `centrifugo.env`: files in dotenv syntax. */
export function isDotenvFileName(fileName: string): boolean {
  const base = path.basename(fileName);
  return base === '.env' || base.startsWith('.env.') || /\.env$/i.test(base);
}

export function isYamlFileName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

/** The variables of a parsed dotenv file; a file with a syntax error supplies none (godotenv loads nothing). */
export function dotenvSource(parsed: DotenvFile, text: string, file: string): EnvSource {
  const starts = lineStartsOf(text);
  const variables = parsed.entries.filter((e) => !e.noAssignment).map((e) => ({
    name: e.name, value: e.value, file, line: lineAt(starts, e.nameStart),
    nameStart: e.nameStart, nameEnd: e.nameEnd, valueStart: e.valueStart, valueEnd: e.valueEnd, quote: e.quote, raw: e.raw,
  }));
  const problem = parsed.error
    ? { message: 'godotenv cannot read this file', offset: parsed.error.offset, length: parsed.error.length }
    : undefined;
  return { kind: 'dotenv', file, variables: parsed.error ? [] : variables, opaque: [], envFiles: [], ...(problem ? { problem } : {}) };
}

/** Every env source a file holds, chosen by its name: dotenv syntax, or compose/Kubernetes YAML. */
export function readEnvSources(text: string, file: string): EnvSource[] {
  if (isDotenvFileName(file)) return [dotenvSource(parseDotenv(text), text, file)];
  if (isYamlFileName(file) || isComposeFileName(file)) return readYamlEnvSources(text, file);
  return [];
}
