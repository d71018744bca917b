/**
 * Whether a container image reference is pinned. One definition for the smoke test's option check
 * (lib/verify/rules.ts) and the object policy (lib/policy/rules.ts), so the two cannot disagree.
 */

/**
 * Why an image is not pinned, or undefined when it is: a digest, or a tag that is not `latest`.
 * The tag is the part after the last `:` of the last path segment, because a registry may carry a
 * port (`host:5000/img` has no tag and follows `latest`).
 */
export function imageTagProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.length === 0) return 'has no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return 'has no tag (it follows whatever `latest` points to)';
  const tag = lastSegment.slice(colon + 1);
  if (tag === 'latest') return 'uses the moving tag `latest`';
  if (tag.length === 0) return 'has an empty tag';
  return undefined;
}
