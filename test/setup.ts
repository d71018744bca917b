// Warnings printed by constructs at validation are for people running `cdk8s synth`, not for test logs.
process.env.K8S_DUALSTACK_QUIET = '1';
