// Child process of determinism.test.ts: synthesize every ready stack (and the field report's
// stack for its 1.18 era) into <outdir>/<stack>/, exactly as `npm run synth` does, in a fresh
// Node process. TypeScript is transpiled on load (no build needed).
require('../../cli/support/ts-register.js');
const { join } = require('path');
const { STACKS, stackApp } = require('../../../stacks/registry.ts');
const { calicoManifestIpvs } = require('../../../stacks/calico-manifest-ipvs.ts');

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: synth-all.js <outdir>');
for (const [name, synth] of Object.entries(STACKS)) synth(join(outdir, name));
stackApp(join(outdir, 'calico-manifest-ipvs@1.18'), calicoManifestIpvs('1.18')).synth();
