/**
 * The target version itself: is it a version, is it inside the supported window, is its line still
 * maintained upstream (as of the timeline's `AS_OF` date, never the clock), was a patch given.
 */
import { quote } from '../../net/errors';
import { Finding, finding } from '../findings';
import { AS_OF, DEFAULT_VERSION, endOfLifeAsOf, MAX_SUPPORTED, MIN_SUPPORTED, RELEASES, releaseLine, unreleasedAsOf, WINDOW_REASONS } from '../timeline/releases';
import { KubernetesVersion } from '../version';

export const VERSION_SOURCE = 'kubernetes.io/releases';

/** The lines upstream maintains on `AS_OF` (released, not past end of life). */
export function maintainedLines(asOf: string = AS_OF): string[] {
  return RELEASES.filter((r) => !unreleasedAsOf(r, asOf) && !endOfLifeAsOf(r, asOf)).map((r) => r.minor);
}

/** The error for a version outside the window, naming both bounds and why each exists. */
export function windowFinding(text: unknown, version: KubernetesVersion, path: string): Finding | undefined {
  if (version.supported) return undefined;
  return finding.error(
    'version-unsupported',
    path,
    `${quote(text)} is outside the supported window ${MIN_SUPPORTED}–${MAX_SUPPORTED}: ${MIN_SUPPORTED} is the oldest because ${WINDOW_REASONS.min}, ${MAX_SUPPORTED} the newest because ${WINDOW_REASONS.max}`,
    `use a version from ${MIN_SUPPORTED} to ${MAX_SUPPORTED} (the default is ${DEFAULT_VERSION})`,
    VERSION_SOURCE,
  );
}

export function versionFormatFinding(text: unknown, path: string): Finding {
  return finding.error('version-format', path, `${quote(text)} is not a Kubernetes version`, `write a minor version such as "${DEFAULT_VERSION}" or a release such as "v${DEFAULT_VERSION}.2"`, VERSION_SOURCE);
}

/**
 * Findings about the plan's target version (besides the format and window errors): an end-of-life
 * line is a warning with its date, an unreleased line an info, a minor without patch an info
 * saying what kubeadm gets and how to pin.
 */
export function targetVersionFindings(text: string, version: KubernetesVersion, path: string): Finding[] {
  const out: Finding[] = [];
  if (!version.supported) return out;
  const line = releaseLine(version.toString());
  if (line && endOfLifeAsOf(line)) {
    out.push(
      finding.warning(
        'version-end-of-life',
        path,
        `Kubernetes ${line.minor} reached end of life on ${line.endOfLife} (as of ${AS_OF}): it gets no more patch releases, security fixes included; it still renders`,
        `plan an upgrade to a maintained line (${maintainedLines().join(', ')})`,
        VERSION_SOURCE,
      ),
    );
  } else if (line && unreleasedAsOf(line)) {
    out.push(
      finding.info(
        'version-unreleased',
        path,
        `Kubernetes ${line.minor} is not released as of ${AS_OF}${line.planned ? ` (planned for ${line.planned})` : ''}; these rules follow the changes merged for it`,
        `use ${DEFAULT_VERSION} for production until ${line.minor} is out`,
        VERSION_SOURCE,
      ),
    );
  }
  if (version.patch === undefined) {
    out.push(
      finding.info(
        'version-patch-unset',
        path,
        `${quote(text)} names no patch release, so kubeadm gets kubernetesVersion: ${version.toKubeadmString()}, the oldest patch of the line`,
        `pin the patch you install, e.g. ${quote(`${version.toString()}.2`)}`,
        'cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go',
      ),
    );
  }
  return out;
}
