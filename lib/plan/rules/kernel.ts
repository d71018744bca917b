/** Linux kernel versions as nodes report them (`uname -r`), for the rules that depend on the kernel. */

/** Linux kernel `major.minor` from `uname -r` text (`5.15.0-91-generic`, `3.10.0-1160.el7.x86_64`). */
export function parseKernelVersion(text: string | undefined): { major: number; minor: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d+)\.(\d+)/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** `a < b` on kernel major.minor. */
export function kernelBefore(k: { major: number; minor: number }, major: number, minor: number): boolean {
  return k.major < major || (k.major === major && k.minor < minor);
}
