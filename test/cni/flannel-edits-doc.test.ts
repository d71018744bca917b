import { checkDocs } from '../../scripts/upstream/lib/thirdparty-compare';
import { FLANNEL_EDITS } from '../../scripts/upstream/edits/flannel';

// The parity check (npm run check:upstream) needs ../shared; this part does not: every listed edit of
// flannel is a row of docs/upstream-edits.md and every row an edit, so the docs never drift from the check.
test('docs/upstream-edits.md and the flannel edits the check reads agree row for row', () => {
  expect(FLANNEL_EDITS.length).toBeGreaterThan(0);
  expect(checkDocs('flannel', FLANNEL_EDITS)).toEqual([]);
});

test('fails when an edit has no docs row', () => {
  const extra = { object: 'X/y', field: 'z', upstream: 'a', ours: 'b', reason: 'c' };
  expect(checkDocs('flannel', [...FLANNEL_EDITS, extra]).map((d) => d.field)).toEqual(['X/y z']);
});
