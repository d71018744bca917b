import { quote } from '../net/errors';

/** How bad a finding is. An input is accepted iff it has no `error`. */
export enum Severity {
  ERROR = 'error',
  WARNING = 'warning',
  INFO = 'info',
}

/**
 * One thing a validator has to say about an input. Every message names the field (`path`), quotes
 * the value, states the rule; `fix` says what to write instead.
 */
export interface Finding {
  readonly severity: Severity | 'error' | 'warning' | 'info';
  /** Stable identifier, e.g. `service-cidr-too-large`. */
  readonly code: string;
  /** The field, as a path into the input: `serviceCidrs[1]`, `spec.ipFamilies[0]`. */
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
  /** The upstream source the rule mirrors, e.g. `cmd/kube-apiserver/app/options/validation.go`. */
  readonly source?: string;
}

/** Helpers that keep every finding in one style. */
export const finding = {
  error(code: string, path: string, message: string, fix?: string, source?: string): Finding {
    return compact({ severity: Severity.ERROR, code, path, message: `${path}: ${message}`, fix, source });
  },
  warning(code: string, path: string, message: string, fix?: string, source?: string): Finding {
    return compact({ severity: Severity.WARNING, code, path, message: `${path}: ${message}`, fix, source });
  },
  info(code: string, path: string, message: string, fix?: string, source?: string): Finding {
    return compact({ severity: Severity.INFO, code, path, message: `${path}: ${message}`, fix, source });
  },
};

function compact(f: Finding): Finding {
  const out: { -readonly [K in keyof Finding]: Finding[K] } = { severity: f.severity, code: f.code, path: f.path, message: f.message };
  if (f.fix !== undefined) out.fix = f.fix;
  if (f.source !== undefined) out.source = f.source;
  return out;
}

/** True when no finding is an error. */
export function accepted(findings: readonly Finding[]): boolean {
  return !findings.some((f) => f.severity === Severity.ERROR);
}

export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === Severity.ERROR);
}

export function warningsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === Severity.WARNING);
}

/** One line per finding: `error [code] message (fix: …)`. */
export function formatFinding(f: Finding): string {
  return `${f.severity} [${f.code}] ${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`;
}

/** Thrown where a caller asked for a plan without errors and got some; carries all of them. */
export class PlanError extends Error {
  public readonly findings: readonly Finding[];
  constructor(findings: readonly Finding[], what = 'the cluster network') {
    const errors = errorsOf(findings);
    super(`${what} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.map((f) => `  - ${formatFinding(f)}`).join('\n')}`);
    this.name = 'PlanError';
    this.findings = findings;
  }
}

export { quote };
