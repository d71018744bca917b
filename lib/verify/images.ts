import { NGINX_UNPRIVILEGED_IMAGE } from '../ingress/versions';

/**
 * Images of the smoke test, pinned to a full version tag (never `latest`, never a moving major tag).
 * Change them here only; the golden snapshot shows every change. Tags only, no digest: both are
 * re-published under the same tag when their base image is rebuilt (Docker Official Images, the
 * nginxinc builds), so no release note or artifact here names a digest that stays true; pin one
 * with `image: 'node:22.21.1-alpine3.22@sha256:…'` from your registry mirror if you need it.
 */
export const SMOKE_TEST_IMAGES = {
  /**
   * Runs the check program (lib/verify/check-script.ts) with Node's built-in https, dns and http:
   * no curl, jq or kubectl needed. The official image has a `node` user with uid/gid 1000 but
   * does not switch to it, so the pod sets `runAsUser: 1000` (runAsNonRoot alone would refuse to
   * start an image whose user is root).
   */
  CHECKER: 'node:22.21.1-alpine3.22',
  /**
   * The test workload's web server: NGINX built to run as uid 101 and listen on 8080. Its
   * entrypoint would add `listen [::]:8080` by editing default.conf, which a read-only root
   * filesystem forbids (10-listen-on-ipv6-by-default.sh exits "can not modify"), so the smoke
   * test ships its own nginx.conf with one listener per family of the plan. The same image as
   * the demo application (one pin to bump).
   */
  WEB: NGINX_UNPRIVILEGED_IMAGE,
} as const;

/** uid/gid of the `node` user in the official node images. */
export const SMOKE_TEST_CHECKER_UID = 1000;

/** uid/gid of the `nginx` user in nginxinc/nginx-unprivileged. */
export const SMOKE_TEST_WEB_UID = 101;

/** The port nginx-unprivileged listens on. */
export const SMOKE_TEST_WEB_PORT = 8080;
