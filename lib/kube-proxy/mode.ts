// The mode rules live in lib/plan/rules (one place for the CLI, the plan and the renderers); the
// kube-proxy area re-exports them under its public names.
export { KubeProxyMode, KUBE_PROXY_MODES, modeExists, modeGateNeeded } from '../plan/rules/kube-proxy';
export type { KubeProxyModeHistory } from '../plan/rules/kube-proxy';
export { kernelBefore, parseKernelVersion } from '../plan/rules/kernel';
