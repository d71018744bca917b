import type { PlannedNode } from '../plan/network';
import { validInterfaceName } from './modules';

/**
 * The node script writes `nodes[].interface` into a shell variable and a netplan YAML key that it
 * applies as root. The plan checks the kernel's rule (net/core/dev.c dev_valid_name), which still
 * lets through `"`, `{`, `#` …: a name such as `x":{}#` would close the quoted netplan key and add
 * YAML of its own. So the script takes only the characters `validInterfaceName` allows (the set
 * the host constructs refuse others with) and refuses to render anything else.
 * @throws Error naming the field, when the name is not one the script may write
 */
export function assertScriptableInterface(node: PlannedNode): void {
  if (node.interface === undefined || validInterfaceName(node.interface)) return;
  const shown = JSON.stringify(node.interface.length > 40 ? `${node.interface.slice(0, 40)}…` : node.interface);
  throw new Error(`renderNodeScript: nodes[${node.index}].interface ${shown} is not an interface name the script may write (1–15 of A–Z a–z 0–9 _ . @ -); refusing to render it into a root script`);
}
