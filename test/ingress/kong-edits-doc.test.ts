import { checkDocs } from '../../scripts/upstream/lib/thirdparty-compare';
import { KONG_EDITS } from '../../scripts/upstream/edits/kong';

// The parity check (npm run check:upstream) needs ../shared; this part does not: every listed edit of
// kong is a row of docs/upstream-edits.md and every row an edit, so the docs never drift from the check.
test('docs/upstream-edits.md and the kong edits the check reads agree row for row', () => {
  expect(KONG_EDITS.length).toBeGreaterThan(0);
  expect(checkDocs('kong', KONG_EDITS)).toEqual([]);
});

test('fails when an edit has no docs row', () => {
  const extra = { object: 'X/y', field: 'z', upstream: 'a', ours: 'b', reason: 'c' };
  expect(checkDocs('kong', [...KONG_EDITS, extra]).map((d) => d.field)).toEqual(['X/y z']);
});
