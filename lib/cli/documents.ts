/**
 * Reading YAML / JSON input files, through the one loader with limits (./yaml-loader.ts). Nothing
 * here loads cdk8s.
 */
import type { Finding } from '../plan/findings';
import { LoadedDocument, loadYaml, YamlLimits } from './yaml-loader';

export type { LoadedDocument } from './yaml-loader';

/**
 * Input the CLI cannot use at all (unreadable, refused, not YAML/JSON): reported as one line per
 * finding, exit 2. `findings` holds the loader findings (with file, line, column) when there are.
 */
export class InputError extends Error {
  public readonly findings: readonly Finding[];
  constructor(message: string, findings: readonly Finding[] = []) {
    super(message);
    this.name = 'InputError';
    this.findings = findings;
  }
}

/** One line for a loader finding: `[code] file:line:col: message`. */
export function loaderLine(f: Finding): string {
  return `[${f.code}] ${f.message}`;
}

/**
 * Parse every document of a YAML (or JSON) text. Empty documents are skipped.
 * @throws InputError with the loader's first finding (file, line, column) when the text cannot be read
 */
export function loadDocuments(text: string, file: string, limits?: YamlLimits): LoadedDocument[] {
  const r = loadYaml(text, file, limits);
  if (r.findings.length > 0) throw new InputError(loaderLine(r.findings[0]), r.findings);
  return [...r.documents];
}

/** Whether a value is a plain object (a YAML mapping). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
