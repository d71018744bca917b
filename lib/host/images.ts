/**
 * Every image the host area runs, pinned to a version tag, in one place. Change them here only.
 */
export const HOST_IMAGES = {
  /**
   * Idles after the init container has prepared the host. `registry.k8s.io/pause` is ~300 kB,
   * needs no shell, no root and no writable file system. 3.10.2 is the tag kubeadm 1.37 recommends
   * (1.33 pinned 3.10, 1.35 pinned 3.10.1: cmd/kubeadm/app/constants PauseVersion). The digest is
   * the multi-arch index of that tag (registry.k8s.io tags are never re-pushed); no release
   * artifact here carries it, it is the one every public manifest pinning pause:3.10.2 names —
   * check with `crane digest registry.k8s.io/pause:3.10.2` when bumping.
   */
  pause: 'registry.k8s.io/pause:3.10.2@sha256:f548e0e8e3dc1896ca956272154dde3314e8cc4fde0a57577ee9fa1c63f5baf4',
  /**
   * Runs the host preparation: needs `sh`, `modprobe` and a writable /proc/sys (privileged).
   * busybox's modprobe reads the host's /lib/modules but not zstd-compressed modules (Ubuntu ≥
   * 23.10): the script tolerates that (hostPrepScript), the node script loads them with the host's
   * modprobe. Tag only: Docker Official Images re-publish a tag when its base is rebuilt, so no
   * digest of it can be known from a release note or an artifact here.
   */
  busybox: 'docker.io/library/busybox:1.37.0',
} as const;
