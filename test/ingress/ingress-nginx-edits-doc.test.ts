import { checkDocs } from '../../scripts/upstream/lib/thirdparty-compare';
import { INGRESS_NGINX_EDITS } from '../../scripts/upstream/edits/ingress-nginx';

// The parity check (npm run check:upstream) needs ../shared; this part does not: every listed edit of
// ingress-nginx is a row of docs/upstream-edits.md and every row an edit, so the docs never drift from the check.
test('docs/upstream-edits.md and the ingress-nginx edits the check reads agree row for row', () => {
  expect(INGRESS_NGINX_EDITS.length).toBeGreaterThan(0);
  expect(checkDocs('ingress-nginx', INGRESS_NGINX_EDITS)).toEqual([]);
});

test('fails when an edit has no docs row', () => {
  const extra = { object: 'X/y', field: 'z', upstream: 'a', ours: 'b', reason: 'c' };
  expect(checkDocs('ingress-nginx', [...INGRESS_NGINX_EDITS, extra]).map((d) => d.field)).toEqual(['X/y z']);
});
