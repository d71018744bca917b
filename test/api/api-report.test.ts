/**
 * The public surface is reviewed: api/k8s-dualstack.api.md lists every name of every entry point
 * in package.json `exports`, with its kind and shape. This fails when the surface changes without
 * the report changing; run `npm run api` and review the diff as a claim about what users get.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { apiReport, entryPoints } from '../../scripts/api-report';

const REPO = join(__dirname, '..', '..');
// One compiler program for the whole file (building it is most of the time).
let report: string;
beforeAll(() => {
  report = apiReport(REPO);
});

test('fails when the public surface differs from api/k8s-dualstack.api.md (run npm run api)', () => {
  const checkedIn = readFileSync(join(REPO, 'api', 'k8s-dualstack.api.md'), 'utf8');
  expect(report).toBe(checkedIn);
});

test('every entry point in package.json exports is in the report', () => {
  const subpaths = entryPoints(REPO).map((e) => e.subpath);
  expect(subpaths).toEqual(['.', './render', './pulumi', './policy', './cli']);
});

test.each(['shellQuote', 'procPath', 'calicoNodeEnv', 'attachFindings', 'quote', 'cniNetworkConfig'])('the renderer internal %s is not public', (name) => {
  expect(report).not.toMatch(new RegExp(`^### \\w+ ${name}$`, 'm'));
});
