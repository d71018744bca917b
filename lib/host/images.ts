/**
 * Every image the host area runs, pinned to a version tag, in one place. Change them here only.
 */
export const HOST_IMAGES = {
  /**
   * Idles after the init container has prepared the host. `registry.k8s.io/pause` is ~300 kB,
   * needs no shell, no root and no writable file system. 3.10.2 is the tag kubeadm 1.37 recommends
   * (1.33 pinned 3.10, 1.35 pinned 3.10.1: cmd/kubeadm/app/constants PauseVersion).
   */
  pause: 'registry.k8s.io/pause:3.10.2',
  /**
   * Runs the host preparation: needs `sh`, `modprobe` and a writable /proc/sys (privileged).
   * busybox's modprobe reads the host's /lib/modules; it may not read zstd-compressed modules
   * (some recent distributions): then load them from the node script's modules-load.d file, or set
   * `initImage` to an image with kmod.
   */
  busybox: 'docker.io/library/busybox:1.37.0',
} as const;
