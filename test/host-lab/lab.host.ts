// The lab's own guards: a suite that cannot run says why in one line instead of failing.
import { labName, labSkipReason } from './lab';

describe('host lab guards', () => {
  test('a missing command is a skip reason naming it and the packages to install', () => {
    const reason = labSkipReason({ commands: ['k8s-dualstack-no-such-command'] });
    // Without root the root reason comes first; either way it is one line.
    expect(reason).toMatch(/^(not root|not Linux|k8s-dualstack-no-such-command not found \(apt-get install -y )/);
    expect(reason).not.toContain('\n');
  });
  test('lab names fit in an interface name (15 bytes) or are refused', () => {
    expect(labName('vsma').length).toBeLessThanOrEqual(15);
    expect(() => labName('a-much-too-long-tag')).toThrow(/longer than an interface name/);
  });
});
