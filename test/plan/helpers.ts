import { Finding } from '../../lib/plan/findings';

export const errors = (f: readonly Finding[]) => f.filter((x) => x.severity === 'error');
export const codes = (f: readonly Finding[]) => f.map((x) => x.code);
export const errorCodes = (f: readonly Finding[]) => errors(f).map((x) => x.code);
export const warningCodes = (f: readonly Finding[]) => f.filter((x) => x.severity === 'warning').map((x) => x.code);
